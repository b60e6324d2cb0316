using StyleTransfer.Contracts;
using StyleTransfer.Engine;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Engine.Methods.Photo;
using StyleTransfer.Engine.Methods.FeedForward;
using StyleTransfer.Engine.Methods.Strotss;
using StyleTransfer.Engine.Segmentation;

namespace StyleTransfer.Grains;

/// <summary>
/// The one place where contracts become engine types and back: method settings, guidance points, label maps and
/// semantic groups. Used by the grains and by the CLI's direct mode.
/// </summary>
public static class MethodSpecMapping
{
    public static StylizeOptions ToEngine(MethodSpec spec) => new()
    {
        Method = spec.Method,
        Shared = new SharedOptions
        {
            Backbone = spec.Shared.Backbone, WeightsPath = spec.Shared.WeightsPath, MaxSize = spec.Shared.MaxSize,
            Iterations = spec.Shared.Iterations, Seed = spec.Shared.Seed, SnapshotEvery = spec.Shared.SnapshotEvery, Device = spec.Shared.Device,
        },
        Gatys = new GatysOptions
        {
            Scales = spec.Gatys.Scales, ContentWeight = spec.Gatys.ContentWeight, StyleWeight = spec.Gatys.StyleWeight,
            TvWeight = spec.Gatys.TvWeight, ContentLayers = spec.Gatys.ContentLayers, StyleLayers = spec.Gatys.StyleLayers,
            StyleLayerWeights = spec.Gatys.StyleLayerWeights, Init = Parse<InitMode>(spec.Gatys.Init, "init"),
            Optimizer = Parse<OptimizerKind>(spec.Gatys.Optimizer, "optimizer"), LearningRate = spec.Gatys.LearningRate,
            PreserveColor = spec.Gatys.PreserveColor, SoftmaxStyle = spec.Gatys.SoftmaxStyle, SoftmaxTemperature = spec.Gatys.SoftmaxTemperature,
            AntiAlias = spec.Gatys.AntiAlias,
        },
        Photo = new PhotoOptions
        {
            Lambda = spec.Photo.Lambda, Epsilon = spec.Photo.Epsilon, StyleIterations = spec.Photo.StyleIterations,
            PhotoIterations = spec.Photo.PhotoIterations, Smooth = spec.Photo.Smooth, SmoothRadius = spec.Photo.SmoothRadius,
            SmoothEpsilon = spec.Photo.SmoothEpsilon, Segmentation = ToEngine(spec.Photo.Segmentation), ColorWeight = spec.Photo.ColorWeight,
            StartFromColorTransfer = spec.Photo.StartFromColorTransfer, Scales = spec.Photo.Scales,
        },
        Fast = new FastOptions { ModelPath = spec.Fast.ModelPath },
        AdaIn = new AdaInOptions { ModelPath = spec.AdaIn.ModelPath, Alpha = spec.AdaIn.Alpha },
        Strotss = new StrotssOptions
        {
            ContentWeight = spec.Strotss.ContentWeight, Scales = spec.Strotss.Scales, LearningRate = spec.Strotss.LearningRate,
            Samples = spec.Strotss.Samples, StyleSamples = spec.Strotss.StyleSamples, PyramidLevels = spec.Strotss.PyramidLevels,
            Layers = spec.Strotss.Layers,
        },
    };

    /// <summary>
    /// The options a node runs a spec with: on a node the node's engine decides the device (its configured one), for
    /// an item and its automatic segmentation alike, whatever device the submitting client named.
    /// </summary>
    public static StylizeOptions ForNode(MethodSpec spec)
    {
        var options = ToEngine(spec);
        return options with { Shared = options.Shared with { Device = "auto" } };
    }

    /// <summary>The engine's options as a contract; <c>ToSpec(new StylizeOptions())</c> is a spec of the engine's defaults.</summary>
    public static MethodSpec ToSpec(StylizeOptions options) => new()
    {
        Method = options.Method,
        Shared = new SharedSettings
        {
            Backbone = options.Shared.Backbone, WeightsPath = options.Shared.WeightsPath, MaxSize = options.Shared.MaxSize,
            Iterations = options.Shared.Iterations, Seed = options.Shared.Seed, SnapshotEvery = options.Shared.SnapshotEvery,
            Device = options.Shared.Device,
        },
        Gatys = new GatysSettings
        {
            Scales = options.Gatys.Scales, ContentWeight = options.Gatys.ContentWeight, StyleWeight = options.Gatys.StyleWeight,
            TvWeight = options.Gatys.TvWeight, ContentLayers = options.Gatys.ContentLayers, StyleLayers = options.Gatys.StyleLayers,
            StyleLayerWeights = options.Gatys.StyleLayerWeights, Init = Name(options.Gatys.Init), Optimizer = Name(options.Gatys.Optimizer),
            LearningRate = options.Gatys.LearningRate, PreserveColor = options.Gatys.PreserveColor, SoftmaxStyle = options.Gatys.SoftmaxStyle,
            SoftmaxTemperature = options.Gatys.SoftmaxTemperature, AntiAlias = options.Gatys.AntiAlias,
        },
        Photo = new PhotoSettings
        {
            Lambda = options.Photo.Lambda, Epsilon = options.Photo.Epsilon, StyleIterations = options.Photo.StyleIterations,
            PhotoIterations = options.Photo.PhotoIterations, Smooth = options.Photo.Smooth, SmoothRadius = options.Photo.SmoothRadius,
            SmoothEpsilon = options.Photo.SmoothEpsilon, Segmentation = ToSpec(options.Photo.Segmentation), ColorWeight = options.Photo.ColorWeight,
            StartFromColorTransfer = options.Photo.StartFromColorTransfer, Scales = options.Photo.Scales,
        },
        Fast = new FastSettings { ModelPath = options.Fast.ModelPath },
        AdaIn = new AdaInSettings { ModelPath = options.AdaIn.ModelPath, Alpha = options.AdaIn.Alpha },
        Strotss = new StrotssSettings
        {
            ContentWeight = options.Strotss.ContentWeight, Scales = options.Strotss.Scales, LearningRate = options.Strotss.LearningRate,
            Samples = options.Strotss.Samples, StyleSamples = options.Strotss.StyleSamples, PyramidLevels = options.Strotss.PyramidLevels,
            Layers = options.Strotss.Layers,
        },
    };

    static AutoSegmentationOptions ToEngine(AutoSegmentationSettings s) => new()
    {
        MaxGroups = s.MaxGroups, Clusters = s.Clusters, MinFraction = s.MinFraction, MergeSimilarity = s.MergeSimilarity, Seed = s.Seed,
        Layers = s.Layers, ColorWeight = s.ColorWeight, CenterPerImage = s.CenterPerImage, PositionWeight = s.PositionWeight,
        AnalysisSide = s.AnalysisSide, Iterations = s.Iterations,
    };

    static AutoSegmentationSettings ToSpec(AutoSegmentationOptions o) => new()
    {
        MaxGroups = o.MaxGroups, Clusters = o.Clusters, MinFraction = o.MinFraction, MergeSimilarity = o.MergeSimilarity, Seed = o.Seed,
        Layers = o.Layers, ColorWeight = o.ColorWeight, CenterPerImage = o.CenterPerImage, PositionWeight = o.PositionWeight,
        AnalysisSide = o.AnalysisSide, Iterations = o.Iterations,
    };

    public static StrotssPointPair ToEngine(GuidancePoint p) => new(p.ContentX, p.ContentY, p.StyleX, p.StyleY);

    public static GuidancePoint ToSpec(StrotssPointPair p) => new(p.ContentX, p.ContentY, p.StyleX, p.StyleY);

    public static IReadOnlyList<StrotssPointPair>? ToEngine(IReadOnlyList<GuidancePoint>? points) => points?.Select(ToEngine).ToList();

    public static SegmentationMaps ToSpec(LabelMapPair maps) => new(ToSpec(maps.Content), ToSpec(maps.Style));

    public static LabelMapPair ToEngine(SegmentationMaps maps) => new(ToEngine(maps.Content), ToEngine(maps.Style));

    static SegmentationMap ToSpec(LabelMap map) => new(map.Source, map.Width, map.Height, map.Labels, [.. ColorLabelMasks.Palette.Select(p => p.Name)]);

    /// <summary>Labels index the map's own palette; they are renumbered to the engine's palette by name.</summary>
    static LabelMap ToEngine(SegmentationMap map)
    {
        var index = map.Palette.Select(ColorLabelMasks.IndexOf).Select(i => (byte)i).ToArray();
        return new LabelMap(map.Source, map.Width, map.Height, map.Labels.Select(l => index[l]).ToArray());
    }

    public static SemanticGroupInfo ToSpec(SemanticGroup g) => new(g.Label, g.ContentFraction, g.StyleFraction, g.Orphan);

    static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    static T Parse<T>(string value, string setting) where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new ArgumentException($"{setting} '{value}' is unknown; expected {string.Join(" or ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");
}
