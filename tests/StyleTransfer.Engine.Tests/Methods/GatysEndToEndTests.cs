using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using StyleTransfer.Engine.Imaging;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.Gatys;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Methods;

/// <summary>Gatys et al. through the engine's entry point with the real pretrained ResNet-18, on tiny images.</summary>
public class GatysEndToEndTests : IClassFixture<GatysEndToEndTests.EngineFixture>, IDisposable
{
    public sealed class EngineFixture : IDisposable
    {
        public StylizationEngine Engine { get; } = new("cpu");
        public void Dispose() => Engine.Dispose();
    }

    readonly StylizationEngine _engine;
    readonly TestImages _images = new();

    public GatysEndToEndTests(EngineFixture fixture) => _engine = fixture.Engine;

    public void Dispose() => _images.Dispose();

    static readonly StylizeOptions Small = new() { Shared = new() { MaxSize = 64, Iterations = 25 } };

    static Tensor Decode(byte[] png, TestImages images, string name, int width = 64, int height = 48) =>
        ImageIO.LoadTensor(images.WriteBytes(name, png), width, height);

    /// <summary>Mean absolute difference of per-channel means (a crude colour-distribution distance).</summary>
    static double ColourDistance(Tensor a, Tensor b) =>
        (a.mean([0, 2, 3]) - b.mean([0, 2, 3])).abs().mean().ToDouble();

    [Fact]
    public void Stylized_output_moves_toward_the_style_and_the_loss_falls()
    {
        var content = _images.Content();
        var style = _images.Style();
        var losses = new List<double>();
        var result = _engine.Stylize(new StylizeRequest(content, [new StyleInput(style)], Small),
            new SyncProgress(p => losses.Add(p.Loss)));

        Assert.Equal(64, result.Width);
        Assert.Equal(48, result.Height);
        Assert.Equal(25, losses.Count);
        Assert.True(losses[^1] < 0.5 * losses[0], $"loss {losses[0]} → {losses[^1]}");

        using var output = Decode(result.Png, _images, "out.png");
        using var c = ImageIO.LoadTensor(content, 64);
        using var s = ImageIO.LoadTensor(style, 64);
        Assert.True(ColourDistance(output, s) < 0.8 * ColourDistance(c, s),
            $"colour distance to style: content {ColourDistance(c, s):F3}, output {ColourDistance(output, s):F3}");
        Assert.True((output - c).abs().mean().ToDouble() > 0.02, "output is (nearly) the content image");
    }

    [Fact]
    public void Same_seed_gives_identical_output_and_another_seed_differs()
    {
        var content = _images.Content(32, 32);
        var style = _images.Style(32, 32);
        var options = new StylizeOptions
        {
            Shared = new() { MaxSize = 32, Iterations = 5, Seed = 7 }, Gatys = new() { Init = InitMode.Noise, Optimizer = OptimizerKind.Adam },
        };
        var a = _engine.Stylize(new StylizeRequest(content, [new StyleInput(style)], options)).Png;
        var b = _engine.Stylize(new StylizeRequest(content, [new StyleInput(style)], options)).Png;
        var c = _engine.Stylize(new StylizeRequest(content, [new StyleInput(style)], options with { Shared = options.Shared with { Seed = 8 } })).Png;
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Coarse_to_fine_runs_every_scale_and_emits_snapshots()
    {
        var progress = new List<StylizeProgress>();
        var snapshots = new List<int>();
        var options = Small with
        {
            Shared = Small.Shared with { Iterations = 4, SnapshotEvery = 3 }, Gatys = new() { Scales = 2, Optimizer = OptimizerKind.Adam },
        };
        var result = _engine.Stylize(new StylizeRequest(_images.Content(), [new StyleInput(_images.Style())], options),
            new SyncProgress(progress.Add), (i, png) => { snapshots.Add(i); Assert.NotEmpty(png); });
        Assert.Equal(8, progress.Count);
        Assert.Equal([1, 2], progress.Select(p => p.Scale).Distinct());
        Assert.Equal([3, 6], snapshots);
        Assert.Equal(64, result.Width);
    }

    [Fact]
    public void Preserve_colour_keeps_the_content_chroma()
    {
        var content = _images.Content();
        var result = _engine.Stylize(new StylizeRequest(content, [new StyleInput(_images.Style())], Small with { Gatys = new() { PreserveColor = true } }));
        using var output = Decode(result.Png, _images, "pc.png");
        using var c = ImageIO.LoadTensor(content, 64);
        using var oc = ColorPreservation.ToYiq(output)[.., 1..3];
        using var cc = ColorPreservation.ToYiq(c)[.., 1..3];
        double chromaDifference = (oc - cc).abs().mean().ToDouble();
        Assert.True(chromaDifference < 0.03, $"chroma difference {chromaDifference:F4}");
    }

    [Fact]
    public void Semantic_masks_send_each_style_region_to_its_content_region()
    {
        // Style: top half red texture (label blue), bottom half green texture (label green).
        var style = _images.Write("style2.png", 64, 64, (x, y) => y < 32
            ? ((x / 3) % 2 == 0 ? new Rgb24(230, 30, 30) : new Rgb24(150, 10, 10))
            : ((x / 3) % 2 == 0 ? new Rgb24(30, 220, 40) : new Rgb24(10, 140, 20)));
        var styleMask = _images.Write("style2_seg.png", 64, 64, (x, y) => y < 32 ? new Rgb24(0, 0, 255) : new Rgb24(0, 255, 0));
        // Content: a flat grey image; its top is labelled green, its bottom blue (swapped w.r.t. the style).
        var content = _images.Write("grey.png", 64, 64, (x, y) => new Rgb24(128, 128, 128));
        var contentMask = _images.Write("grey_seg.png", 64, 64, (x, y) => y < 32 ? new Rgb24(0, 255, 0) : new Rgb24(0, 0, 255));

        var options = Small with { Shared = Small.Shared with { Iterations = 40 }, Gatys = new() { ContentWeight = 0.05 } };
        var result = _engine.Stylize(new StylizeRequest(content, [new StyleInput(style)], options, contentMask, styleMask));
        using var output = Decode(result.Png, _images, "masked.png", 64, 64);
        double RedMinusGreen(Tensor half) => (half[.., 0] - half[.., 1]).mean().ToDouble();
        double top = RedMinusGreen(output[.., .., ..32]), bottom = RedMinusGreen(output[.., .., 32..]);
        Assert.True(top < -0.05 && bottom > 0.05, $"red−green: top {top:F3} (expect green), bottom {bottom:F3} (expect red)");
    }

    [Fact]
    public void A_single_mask_or_masks_with_several_styles_are_refused()
    {
        var content = _images.Content();
        var mask = _images.Write("m.png", 64, 48, (x, y) => new Rgb24(0, 0, 255));
        Assert.Throws<ArgumentException>(() => _engine.Stylize(new StylizeRequest(content, [new StyleInput(_images.Style())], Small, mask)));
        Assert.Throws<ArgumentException>(() => _engine.Stylize(new StylizeRequest(content,
            [new StyleInput(_images.Style()), new StyleInput(_images.Style(name: "s2.png"))], Small, mask, mask)));
    }

    [Fact]
    public void Bad_content_file_fails_with_its_name()
    {
        var bad = _images.WriteBytes("broken.jpg", [0xFF, 0xD8, 0xFF, 0x00, 0x01]);
        var e = Assert.Throws<InvalidInputException>(() =>
            _engine.Stylize(new StylizeRequest(bad, [new StyleInput(_images.Style())], Small)));
        Assert.Equal(bad, e.Path);
    }

}
