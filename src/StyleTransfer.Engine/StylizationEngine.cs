using System.Collections.Concurrent;
using System.Diagnostics;
using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Imaging;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Engine.Methods.Photo;
using StyleTransfer.Engine.Methods.Strotss;
using StyleTransfer.Engine.Segmentation;
using static TorchSharp.torch;

namespace StyleTransfer.Engine;

/// <summary>One style image and its blend weight (weights are normalized over the request).</summary>
public sealed record StyleInput(string Path, double Weight = 1.0);

/// <summary>
/// What to stylize: a content image file, one or more style image files, and the method's options. Optional masks
/// need a single style image: for gatys and photo they are colour-label masks (Deep Photo Style Transfer format)
/// restricting style statistics to matching semantic regions; for strotss they are colour-coded guidance images
/// (regions of the same colour correspond). <see cref="Segmentation"/> passes label maps computed earlier (e.g.
/// automatic groups cached by the cluster); <see cref="GuidancePoints"/> are STROTSS point-to-point pairs.
/// </summary>
public sealed record StylizeRequest(string ContentPath, IReadOnlyList<StyleInput> Styles, GatysOptions Options,
    string? ContentMaskPath = null, string? StyleMaskPath = null)
{
    public LabelMapPair? Segmentation { get; init; }

    public IReadOnlyList<StrotssPointPair>? GuidancePoints { get; init; }
}

/// <summary>Semantic label maps of a content image and a style image (user masks or automatic groups).</summary>
public sealed record LabelMapPair(LabelMap Content, LabelMap Style);

/// <summary>Progress of one stylization: iteration counts over all scales.</summary>
public sealed record StylizeProgress(int Iteration, int TotalIterations, int Scale, int Scales, double Loss);

/// <summary>An encoded PNG and what produced it.</summary>
public sealed record StylizeResult(byte[] Png, int Width, int Height, double FinalLoss, TimeSpan Elapsed, string Device, int Iterations);

/// <summary>Runs one stylization end to end: read and validate inputs, optimize, encode PNG.</summary>
public interface IStylizationEngine
{
    /// <summary>The device this engine runs on, in words (e.g. "cpu (2 threads)").</summary>
    string DeviceDescription { get; }

    /// <exception cref="InvalidInputException">an input file is missing, unreadable, corrupt or unsupported.</exception>
    /// <exception cref="ArgumentException">an option is absurd.</exception>
    StylizeResult Stylize(StylizeRequest request, IProgress<StylizeProgress>? progress = null,
        Action<int, byte[]>? snapshot = null, CancellationToken cancellationToken = default);

    /// <summary>Automatic semantic groups of a content/style pair (co-segmentation on backbone features), at the
    /// size <see cref="Stylize"/> would load them with the same options.</summary>
    LabelMapPair SegmentAutomatically(string contentPath, string stylePath, GatysOptions options);
}

/// <summary>
/// The engine's entry point: validates a request, loads images (and masks) on the selected device, runs Gatys
/// et al. and encodes the PNG. Backbones are loaded once per (name, weights, device) and shared, and so are style
/// images and (for gatys) their features, in a bounded cache (<see cref="StyleCacheStatistics"/>); thread-safe.
/// </summary>
public sealed class StylizationEngine : IStylizationEngine, IDisposable
{
    readonly ConcurrentDictionary<(string, string?, string), Lazy<IBackbone>> _backbones = new();
    readonly string _devicePreference;
    readonly StyleFeatureCache _styleCache;
    readonly int? _cpuThreads;

    /// <param name="device">"auto" (CUDA when present), "cpu", "cuda" or "cuda:N"; a request's own device option wins.</param>
    /// <param name="styleCache">bounds of the style cache; null for the defaults.</param>
    /// <param name="cpuThreads">threads of torch's CPU kernels for this engine's work; null = torch's default (one per core).</param>
    public StylizationEngine(string device = "auto", StyleCacheOptions? styleCache = null, int? cpuThreads = null)
    {
        if (cpuThreads is < 1) throw new ArgumentOutOfRangeException(nameof(cpuThreads), cpuThreads, "must be at least 1");
        _cpuThreads = cpuThreads;
        _devicePreference = device;
        DeviceDescription = TorchDevices.Describe(TorchDevices.Select(device), cpuThreads);
        _styleCache = new StyleFeatureCache(styleCache);
    }

    public string DeviceDescription { get; }

    // libtorch's OpenMP thread count is a per-thread setting: it must be set on the thread that runs the work, not
    // once at start-up, or each new worker thread uses one thread per core again.
    void ApplyThreadLimit()
    {
        if (_cpuThreads is int threads && get_num_threads() != threads) set_num_threads(threads);
    }

    /// <summary>Hits, misses and evictions of the style cache so far, and its size now.</summary>
    public StyleCacheStatistics StyleCacheStatistics => _styleCache.Statistics;

    public IBackbone GetBackbone(string name, string? weightsPath, Device device) =>
        _backbones.GetOrAdd(BackboneKey(name, weightsPath, device),
            _ => new Lazy<IBackbone>(() => BackboneFactory.Create(name, weightsPath, device))).Value;

    static (string Name, string? Weights, string Device) BackboneKey(string name, string? weightsPath, Device device) =>
        (name.ToLowerInvariant(), weightsPath, device.ToString());

    public StylizeResult Stylize(StylizeRequest request, IProgress<StylizeProgress>? progress = null,
        Action<int, byte[]>? snapshot = null, CancellationToken cancellationToken = default)
    {
        var options = request.Options;
        options.Validate();
        Validate(request);
        ApplyThreadLimit();
        var stopwatch = Stopwatch.StartNew();
        var device = TorchDevices.Select(options.Device == "auto" ? _devicePreference : options.Device);
        var backbone = GetBackbone(options.Backbone, options.WeightsPath, device);

        using var scope = NewDisposeScope();
        using var cached = _styleCache.Open();
        var content = ImageIO.LoadTensor(request.ContentPath, options.MaxSize, device);
        var loaded = request.Styles.Select(s => cached.Image(s.Path, options.MaxSize, device)).ToList();
        var styles = loaded.Select((s, i) => (s.Image, request.Styles[i].Weight)).ToList();
        // Colour preservation replaces the style images by ones matched to this content: their features are its own.
        StyleFeatureSource? styleFeatures = options.PreserveColor ? null : (i, factor, layers, compute) =>
            cached.Features(loaded[i].Key, BackboneKey(options.Backbone, options.WeightsPath, device), layers, factor, compute);

        double finalLoss = double.NaN;
        var trackingProgress = new SyncProgress(p => { finalLoss = p.Loss; progress?.Report(p); });
        Action<int, Tensor>? encodeSnapshot = snapshot is null ? null : (i, img) => snapshot(i, Encode(img, content, options));
        var result = options.Method switch
        {
            StyleMethod.Photo => RunPhoto(request, backbone, content, styles[0].Image, trackingProgress, encodeSnapshot, cancellationToken),
            StyleMethod.Strotss => RunStrotss(request, backbone, content, styles[0].Image, trackingProgress, encodeSnapshot, cancellationToken),
            _ => RunGatys(request, backbone, content, styles, styleFeatures, trackingProgress, encodeSnapshot, cancellationToken),
        };
        int iterations = options.TotalIterations();
        var png = Encode(result, content, options);
        return new StylizeResult(png, (int)result.shape[3], (int)result.shape[2], finalLoss, stopwatch.Elapsed,
            TorchDevices.Describe(device), iterations);
    }

    static Tensor RunGatys(StylizeRequest request, IBackbone backbone, Tensor content, List<(Tensor Image, double Weight)> styles,
        StyleFeatureSource? styleFeatures, IProgress<StylizeProgress> progress, Action<int, Tensor>? snapshot, CancellationToken cancellationToken)
    {
        var options = request.Options;
        using var regions = LoadRegions(request, content, styles[0].Image, content.device);
        var target = options.PreserveColor ? ColorPreservation.LuminanceAsRgb(content) : content;
        if (options.PreserveColor)
            styles = styles.Select(s => (ColorPreservation.MatchedStyleLuminance(s.Image, content), s.Weight)).ToList();
        return new GatysStylizer(backbone).Run(target, styles, options, regions, progress, snapshot, cancellationToken,
            styleFeatures: styleFeatures);
    }

    /// <summary>Deep Photo Style Transfer with the user's masks, else the given label maps, else automatic groups.</summary>
    static Tensor RunPhoto(StylizeRequest request, IBackbone backbone, Tensor content, Tensor style,
        IProgress<StylizeProgress> progress, Action<int, Tensor>? snapshot, CancellationToken cancellationToken)
    {
        var options = request.Options;
        var maps = request.ContentMaskPath is not null ? null
            : request.Segmentation ?? Segment(backbone, content, style, options.Segmentation);
        using var regions = maps is null
            ? LoadRegions(request, content, style, content.device)
            : RegionsOf(maps, content, style, content.device);
        return new DeepPhotoStylizer(backbone).Run(content, style, regions, options, options.Photo, progress, snapshot, cancellationToken);
    }

    static Tensor RunStrotss(StylizeRequest request, IBackbone backbone, Tensor content, Tensor style,
        IProgress<StylizeProgress> progress, Action<int, Tensor>? snapshot, CancellationToken cancellationToken)
    {
        using var guidance = request.ContentMaskPath is not null && request.StyleMaskPath is not null
            ? StrotssGuidance.FromColorMasks(request.ContentMaskPath, request.StyleMaskPath, request.GuidancePoints,
                contentSize: ((int)content.shape[^1], (int)content.shape[^2]), styleSize: ((int)style.shape[^1], (int)style.shape[^2]))
            : request.GuidancePoints is { Count: > 0 } points ? StrotssGuidance.FromPoints(points) : null;
        return new StrotssStylizer(backbone).Run(content, style, request.Options.EffectiveStrotss(), guidance, progress, snapshot, cancellationToken);
    }

    public LabelMapPair SegmentAutomatically(string contentPath, string stylePath, GatysOptions options)
    {
        options.Validate();
        ApplyThreadLimit();
        var device = TorchDevices.Select(options.Device == "auto" ? _devicePreference : options.Device);
        var backbone = GetBackbone(options.Backbone, options.WeightsPath, device);
        using var scope = NewDisposeScope();
        using var cached = _styleCache.Open();
        var content = ImageIO.LoadTensor(contentPath, options.MaxSize, device);
        var style = cached.Image(stylePath, options.MaxSize, device).Image;
        return Segment(backbone, content, style, options.Segmentation);
    }

    static LabelMapPair Segment(IBackbone backbone, Tensor content, Tensor style, AutoSegmentationOptions options)
    {
        var (c, s) = AutoCoSegmentation.Segment(backbone, content, style, options);
        return new LabelMapPair(c, s);
    }

    /// <summary>Region masks from label maps (resized to the images); null when content and style share no label.</summary>
    static RegionMasks? RegionsOf(LabelMapPair maps, Tensor content, Tensor style, Device device)
    {
        var c = ColorLabelMasks.Resize(maps.Content, (int)content.shape[3], (int)content.shape[2]);
        var s = ColorLabelMasks.Resize(maps.Style, (int)style.shape[3], (int)style.shape[2]);
        var groups = SemanticGroups.Match(c, s);
        return groups.All(g => g.Orphan) ? null : new RegionMasks(c, s, groups, device);
    }

    static byte[] Encode(Tensor image, Tensor content, GatysOptions options)
    {
        if (!options.PreserveColor || options.Method != StyleMethod.Gatys) return ImageIO.EncodePng(image);
        using var colored = ColorPreservation.Recombine(image, content);
        return ImageIO.EncodePng(colored);
    }

    static void Validate(StylizeRequest request)
    {
        if (request.Styles.Count == 0) throw new ArgumentException("no style image given");
        foreach (var s in request.Styles)
            if (!double.IsFinite(s.Weight) || s.Weight <= 0)
                throw new ArgumentException($"style weight {s.Weight} for {s.Path} must be finite and > 0");
        bool hasContentMask = request.ContentMaskPath is not null, hasStyleMask = request.StyleMaskPath is not null;
        if (hasContentMask != hasStyleMask)
            throw new ArgumentException("semantic masks come in pairs: give both a content mask and a style mask");
        if (hasContentMask && request.Styles.Count != 1)
            throw new ArgumentException("semantic masks need exactly one style image");
        if (request.Options.Method != StyleMethod.Gatys && request.Styles.Count != 1)
            throw new ArgumentException($"method {request.Options.Method.ToString().ToLowerInvariant()} takes exactly one style image");
    }

    static RegionMasks? LoadRegions(StylizeRequest request, Tensor content, Tensor style, Device device)
    {
        if (request.ContentMaskPath is null || request.StyleMaskPath is null) return null;
        var contentMap = ColorLabelMasks.Load(request.ContentMaskPath, (int)content.shape[3], (int)content.shape[2]);
        var styleMap = ColorLabelMasks.Load(request.StyleMaskPath, (int)style.shape[3], (int)style.shape[2]);
        var groups = SemanticGroups.Match(contentMap, styleMap);
        if (groups.All(g => g.Orphan))
            throw new InvalidInputException(request.StyleMaskPath,
                $"shares no label with the content mask {request.ContentMaskPath} (content labels: {string.Join(", ", groups.Select(g => g.Label))})");
        return new RegionMasks(contentMap, styleMap, groups, device);
    }

    public void Dispose()
    {
        foreach (var b in _backbones.Values.Where(b => b.IsValueCreated)) b.Value.Dispose();
        _backbones.Clear();
        _styleCache.Dispose();
    }

}
