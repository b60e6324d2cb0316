using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Losses.Terms;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Engine.Methods.Photo;
using StyleTransfer.Engine.Segmentation;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Methods.Photo;

/// <summary>Deep Photo Style Transfer end to end with the real ResNet-18, at 64 px with two semantic regions.</summary>
public class DeepPhotoStylizerTests : IClassFixture<DeepPhotoStylizerTests.BackboneFixture>
{
    public sealed class BackboneFixture : IDisposable
    {
        public IBackbone Backbone { get; } = ResNet18Backbone.Load(null, CPU);
        public void Dispose() => Backbone.Dispose();
    }

    internal const int W = 64, H = 48, SkyRows = 28;
    readonly IBackbone _backbone;

    public DeepPhotoStylizerTests(BackboneFixture fixture) => _backbone = fixture.Backbone;

    /// <summary>Photo-like content: a bluish sky with a bright disc over a textured green ground. Sky label "blue", ground "green".</summary>
    internal static Tensor Content()
    {
        var y = linspace(0, 1, H).reshape(1, 1, H, 1).expand(1, 1, H, W);
        var x = linspace(0, 1, W).reshape(1, 1, 1, W).expand(1, 1, H, W);
        var sky = cat([0.45f + 0.3f * y, 0.6f + 0.25f * y, full_like(y, 0.9f)], 1);
        var stripes = sin(x * 40 + y * 7).mul(0.08f);
        var ground = cat([0.25f + stripes, 0.45f + stripes, 0.2f + 0.5f * stripes], 1);
        var isGround = (arange(H) >= SkyRows).to(ScalarType.Float32).reshape(1, 1, H, 1);
        var disc = ((x - 0.3f).square() * 1.8f + (y - 0.3f).square()).lt(0.012f).to(ScalarType.Float32);
        var image = sky * (1 - isGround) + ground * isGround;
        return (image * (1 - disc) + disc * tensor(new[] { 1f, 0.95f, 0.6f }).reshape(1, 3, 1, 1)).clamp(0, 1);
    }

    /// <summary>Style: orange sunset texture on top (label "blue"), dark purple texture below (label "green").</summary>
    internal static Tensor Style()
    {
        const int s = 64;
        var y = linspace(0, 1, s).reshape(1, 1, s, 1).expand(1, 1, s, s);
        var x = linspace(0, 1, s).reshape(1, 1, 1, s).expand(1, 1, s, s);
        var ripple = sin(x * 25 - y * 18).mul(0.1f);
        var top = cat([0.95f + 0.5f * ripple, 0.55f + ripple - 0.2f * y, 0.2f + 0.5f * ripple], 1);
        var bottom = cat([0.35f + ripple, 0.15f + 0.5f * ripple, 0.4f + ripple], 1);
        var isBottom = (arange(s) >= s / 2).to(ScalarType.Float32).reshape(1, 1, s, 1);
        return (top * (1 - isBottom) + bottom * isBottom).clamp(0, 1);
    }

    internal static LabelMap Labels(int width, int height, int splitRow)
    {
        var labels = new byte[width * height];
        for (int i = 0; i < labels.Length; i++)
            labels[i] = (byte)ColorLabelMasks.IndexOf(i / width < splitRow ? "blue" : "green");
        return new LabelMap("synthetic", width, height, labels);
    }

    internal static RegionMasks Regions()
    {
        var content = Labels(W, H, SkyRows);
        var style = Labels(64, 64, 32);
        return new RegionMasks(content, style, SemanticGroups.Match(content, style), CPU);
    }

    /// <summary>Correlation of the luminance gradients (horizontal and vertical differences) of two images.</summary>
    static double GradientCorrelation(Tensor a, Tensor b)
    {
        Tensor Gradients(Tensor t)
        {
            var l = t.mean([1]);
            return cat([(l[.., 1.., ..] - l[.., ..^1, ..]).flatten(), (l[.., .., 1..] - l[.., .., ..^1]).flatten()]);
        }
        return Correlation(Gradients(a), Gradients(b));
    }

    /// <summary>Pearson correlation of the values of two tensors of the same size.</summary>
    internal static double Correlation(Tensor a, Tensor b)
    {
        var (x, y) = (a.flatten() - a.mean(), b.flatten() - b.mean());
        return ((x * y).sum() / (x.norm() * y.norm())).ToDouble();
    }

    internal static Tensor MeanColour(Tensor image, int fromRow, int toRow) => image[.., .., fromRow..toRow, ..].mean([0, 2, 3]);

    [Fact]
    public void With_two_scales_stage_1_runs_at_half_size_and_only_stage_2_at_full_size()
    {
        using var scope = NewDisposeScope();
        var content = Content();
        using var regions = Regions();
        var gatys = new GatysOptions();
        var photo = new PhotoOptions { StyleIterations = 3, PhotoIterations = 2, Smooth = false, Scales = 2 };
        var progress = new List<StylizeProgress>();
        var widths = new List<long>();
        var parts = new List<string>();

        var result = new DeepPhotoStylizer(_backbone).Run(content, Style(), regions, new SharedOptions { MaxSize = W, SnapshotEvery = 1 }, gatys, photo,
            new SyncProgress(progress.Add), (_, image) => widths.Add(image.shape[3]), timed: (part, _) => parts.Add(part));

        Assert.Equal(5, PhotoMethod.TotalIterations(photo));
        Assert.All(progress, p => Assert.Equal(5, p.TotalIterations));
        Assert.Equal([1, 1, 1, 2, 2], progress.Select(p => p.Scale));
        Assert.Equal([W / 2, W / 2, W / 2, W, W], widths);
        Assert.Equal(content.shape, result.shape);
        Assert.Equal(["colour transfer", "stage 1", "matting Laplacian", "stage 2"], parts);
        // Without a stage 2, stage 1 runs every scale, the full size included.
        Assert.Equal(6, PhotoMethod.TotalIterations(photo with { PhotoIterations = 0 }));
        Assert.Equal(5, PhotoMethod.TotalIterations(photo with { Scales = 1 }));
    }

    [Fact]
    public void Stage_two_starts_from_the_full_size_start_plus_stage_ones_change_so_the_detail_stage_one_could_not_hold_is_kept()
    {
        using var scope = NewDisposeScope();
        var start = Content(); // its ground stripes are finer than a half-size image can hold
        var coarseStart = nn.functional.interpolate(start, [H / 2, W / 2], mode: InterpolationMode.Bilinear, align_corners: false);
        var shift = tensor(new[] { 0.1f, -0.05f, 0.02f }).reshape(1, 3, 1, 1);
        var stage1 = coarseStart + shift; // stage 1 moved the colours and nothing else

        var carried = DeepPhotoStylizer.CarriedUp(stage1, start, antialiasedStart: false);
        var upsampled = nn.functional.interpolate(stage1, [H, W], mode: InterpolationMode.Bilinear, align_corners: false);

        var expected = (start + shift).clamp(0, 1);
        Assert.True(carried.allclose(expected, rtol: 0, atol: 1e-5), $"max error {(carried - expected).abs().max().ToSingle()}");
        var upsampledError = (upsampled - expected).abs()[.., .., SkyRows.., ..].mean().ToSingle();
        Assert.True(upsampledError > 0.005f, $"plain upsampling should blur the stripes (amplitude 0.08) (mean error {upsampledError})");
        // No change in stage 1: stage 2 starts from the full-size start itself, also when stage 1 started from the
        // content scaled down the way GatysStylizer does it (antialiased).
        Assert.True(DeepPhotoStylizer.CarriedUp(coarseStart, start, antialiasedStart: false).allclose(start, rtol: 0, atol: 1e-5));
        var rescaled = GatysStylizer.Rescale(start, 0.5);
        Assert.True(DeepPhotoStylizer.CarriedUp(rescaled, start, antialiasedStart: true).allclose(start, rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void Keeps_the_contents_structure_better_than_gatys_and_moves_each_region_toward_its_style()
    {
        using var scope = NewDisposeScope();
        var content = Content();
        var style = Style();
        using var regions = Regions();
        var shared = new SharedOptions { MaxSize = W };
        var common = new GatysOptions { ContentWeight = 0.05 };
        var photo = new PhotoOptions { StyleIterations = 20, PhotoIterations = 20 };

        var progress = new List<StylizeProgress>();
        var snapshots = new List<int>();
        var result = new DeepPhotoStylizer(_backbone).Run(content, style, regions, shared with { SnapshotEvery = 10 }, common, photo,
            new SyncProgress(progress.Add), (i, _) => snapshots.Add(i));
        var gatys = new GatysStylizer(_backbone).Run(content, [(style, 1.0)], shared with { Iterations = 40 }, common, regions);

        Assert.Equal(Enumerable.Range(1, 40), progress.Select(p => p.Iteration));
        Assert.All(progress, p => Assert.Equal(40, p.TotalIterations));
        Assert.Equal([1, 2], progress.Select(p => p.Scale).Distinct());
        Assert.Equal([10, 20, 30, 40], snapshots);
        Assert.Equal(content.shape, result.shape);
        Assert.True(result.min().ToDouble() >= 0 && result.max().ToDouble() <= 1);

        double photoCorrelation = GradientCorrelation(result, content), gatysCorrelation = GradientCorrelation(gatys, content);
        Assert.True(photoCorrelation > gatysCorrelation + 0.05,
            $"gradient correlation with the content: deep photo {photoCorrelation:F3}, gatys {gatysCorrelation:F3}");
        using var laplacian = MattingLaplacian.Build(content);
        double photoForm = laplacian.QuadraticForm(result).ToDouble(), gatysForm = laplacian.QuadraticForm(gatys).ToDouble();
        Assert.True(photoForm < 0.5 * gatysForm, $"vᵀMv: deep photo {photoForm:E3}, gatys {gatysForm:E3}");

        foreach (var (from, to, styleFrom, styleTo, name) in new[] { (0, SkyRows, 0, 32, "sky"), (SkyRows, H, 32, 64, "ground") })
        {
            var target = MeanColour(style, styleFrom, styleTo);
            double before = (MeanColour(content, from, to) - target).abs().mean().ToDouble();
            double after = (MeanColour(result, from, to) - target).abs().mean().ToDouble();
            double gatysAfter = (MeanColour(gatys, from, to) - target).abs().mean().ToDouble();
            // Colours move slowly in 20 stage-1 iterations at 64 px (plain Gatys gets 40 to itself); stage 2 keeps them.
            Assert.True(after < before - 0.02, $"{name}: colour distance to its style region {before:F3} → {after:F3} (gatys {gatysAfter:F3})");
        }
    }

    [Fact]
    public void From_the_content_without_stage_two_or_smoothing_it_is_the_segmented_gatys_result_with_colour_moments_plus_the_colour_distribution_term()
    {
        using var scope = NewDisposeScope();
        var content = Content();
        var style = Style();
        using var regions = Regions();
        var shared = new SharedOptions { MaxSize = W };
        var common = new GatysOptions { Optimizer = OptimizerKind.Adam };
        // One scale, as the gatys run it is compared with (without a stage 2, stage 1 runs every scale).
        var photo = new PhotoOptions { StyleIterations = 3, PhotoIterations = 0, Smooth = false, ColorWeight = 1e3, StartFromColorTransfer = false, Scales = 1 };
        var withoutDistribution = new DeepPhotoStylizer(_backbone).Run(content, style, regions, shared, common, photo with { ColorWeight = 0 });
        var gatys = new GatysStylizer(_backbone).Run(content, [(style, 1.0)], shared with { Iterations = 3 }, common, regions);
        Assert.True((withoutDistribution - gatys).abs().max().ToDouble() < 1e-5);
        Assert.Equal([.. _backbone.DefaultStyleLayers, "pixels"], GatysStylizer.DefaultStyleLayers(_backbone));
        var withoutColour = common with { StyleLayers = _backbone.DefaultStyleLayers };
        var plain = new GatysStylizer(_backbone).Run(content, [(style, 1.0)], shared with { Iterations = 3 }, withoutColour, regions);
        Assert.True((withoutDistribution - plain).abs().max().ToDouble() > 1e-4, "the colour-moment term changes the result");

        var result = new DeepPhotoStylizer(_backbone).Run(content, style, regions, shared, common, photo);
        using var distribution = SlicedWassersteinColorTerm.For(style, regions, H, W);
        double Distance(Tensor image) => distribution.Compute(new LossInput(image, new Dictionary<string, Tensor>())).ToDouble();
        Assert.True(Distance(result) < 0.9 * Distance(withoutDistribution),
            $"per-region colour distribution distance: {Distance(withoutDistribution):E3} without the term, {Distance(result):E3} with it");
    }

    [Fact]
    public void Starting_from_the_colour_transfer_carries_each_region_further_toward_its_style_in_the_same_iterations()
    {
        using var scope = NewDisposeScope();
        var content = Content();
        var style = Style();
        using var regions = Regions();
        var photo = new PhotoOptions { StyleIterations = 3, PhotoIterations = 3 };
        var stylizer = new DeepPhotoStylizer(_backbone);
        var fromTransfer = stylizer.Run(content, style, regions, new SharedOptions { MaxSize = W }, new GatysOptions(), photo);
        var fromContent = stylizer.Run(content, style, regions, new SharedOptions { MaxSize = W }, new GatysOptions(),
            photo with { StartFromColorTransfer = false });

        foreach (var (from, to, styleFrom, styleTo, name) in new[] { (0, SkyRows, 0, 32, "sky"), (SkyRows, H, 32, 64, "ground") })
        {
            var target = MeanColour(style, styleFrom, styleTo);
            double transferred = (MeanColour(fromTransfer, from, to) - target).abs().mean().ToDouble();
            double plain = (MeanColour(fromContent, from, to) - target).abs().mean().ToDouble();
            Assert.True(transferred < 0.5 * plain, $"{name}: mean colour distance to its style region {transferred:F3} from the transfer, {plain:F3} from the content");
        }
        Assert.True(GradientCorrelation(fromTransfer, content) > 0.8, $"gradient correlation with the content {GradientCorrelation(fromTransfer, content):F3}");
    }

    [Fact]
    public void Bad_options_and_inputs_are_refused()
    {
        using var scope = NewDisposeScope();
        var stylizer = new DeepPhotoStylizer(_backbone);
        var content = Content();
        Assert.Contains("lambda", Assert.Throws<ArgumentException>(() =>
            stylizer.Run(content, Style(), null, new SharedOptions(), new GatysOptions(), new PhotoOptions { Lambda = -1 })).Message);
        Assert.Contains("content", Assert.Throws<ArgumentException>(() =>
            stylizer.Run(zeros(1, 1, 8, 8), Style(), null, new SharedOptions(), new GatysOptions(), new PhotoOptions())).Message);
    }

}
