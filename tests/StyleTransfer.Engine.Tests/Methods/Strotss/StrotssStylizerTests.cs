using SixLabors.ImageSharp.PixelFormats;
using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Imaging;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.Strotss;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Methods.Strotss;

/// <summary>STROTSS end to end on the real pretrained ResNet-18, on tiny images and few iterations.</summary>
public sealed class StrotssStylizerTests : IClassFixture<StrotssStylizerTests.BackboneFixture>, IDisposable
{
    public sealed class BackboneFixture : IDisposable
    {
        public IBackbone Backbone { get; } = ResNet18Backbone.Load(null, CPU);
        public void Dispose() => Backbone.Dispose();
    }

    readonly StrotssStylizer _stylizer;
    readonly TestImages _images = new();

    public StrotssStylizerTests(BackboneFixture fixture) => _stylizer = new StrotssStylizer(fixture.Backbone);

    public void Dispose() => _images.Dispose();

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool).</summary>

    static readonly SharedOptions TinyShared = new() { MaxSize = 48, Iterations = 30, Seed = 3 };

    static readonly StrotssOptions Tiny = new() { Scales = 1, Samples = 256, StyleSamples = 512 };

    /// <summary>Relaxed EMD between the YUV colours of two images' pixels (all of them).</summary>
    static double PaletteDistance(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return RelaxedEmd.Euclidean(Yuv.FromRgb(a[0].reshape(3, -1).t()), Yuv.FromRgb(b[0].reshape(3, -1).t())).ToDouble();
    }

    static double Correlation(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var x = a.flatten() - a.mean();
        var y = b.flatten() - b.mean();
        return ((x * y).sum() / (x.norm() * y.norm())).ToDouble();
    }

    [Fact]
    public void Output_takes_the_style_palette_and_the_loss_falls()
    {
        using var scope = NewDisposeScope();
        var content = ImageIO.LoadTensor(_images.Content(64, 48), 48);
        var style = ImageIO.LoadTensor(_images.Style(48, 48), 48);
        var losses = new List<double>();
        var snapshots = new List<int>();
        var options = Tiny with { Scales = 2 };
        var output = _stylizer.Run(content, style, TinyShared with { Iterations = 20, SnapshotEvery = 10 }, options, progress: new SyncProgress(p => losses.Add(p.Loss)),
            snapshot: (i, image) => { snapshots.Add(i); Assert.Equal(3, image.shape[1]); });

        Assert.Equal(content.shape, output.shape);
        Assert.InRange(output.min().ToDouble(), 0, 1);
        Assert.InRange(output.max().ToDouble(), 0, 1);
        Assert.Equal(40, losses.Count);
        Assert.Equal([10, 20, 30, 40], snapshots);
        Assert.True(losses[19] < losses[0] && losses[^1] < losses[20], $"losses: {string.Join(" ", losses.Select(l => l.ToString("F3")))}");

        // Red and blue stripes: the output's colours should be near the style's (not the content's, nor the style's mean).
        var flatMean = style.mean([2, 3], keepdim: true).expand_as(content);
        double toOutput = PaletteDistance(output, style), toContent = PaletteDistance(content, style), toMean = PaletteDistance(flatMean, style);
        Assert.True(toOutput < 0.75 * toContent && toOutput < 0.9 * toMean,
            $"palette distance to the style: output {toOutput:F3}, content {toContent:F3}, flat style mean {toMean:F3}");
        // The content's structure survives: the output's brightness follows the content's (a flat or shuffled image would not).
        double correlation = Correlation(output.mean([1]), content.mean([1]));
        Assert.True(correlation > 0.3, $"brightness correlation with the content {correlation:F3}");
    }

    [Fact]
    public void Same_seed_reproduces_and_another_seed_differs()
    {
        using var scope = NewDisposeScope();
        var content = ImageIO.LoadTensor(_images.Content(32, 32), 32);
        var style = ImageIO.LoadTensor(_images.Style(32, 32), 32);
        var shared = TinyShared with { MaxSize = 32, Iterations = 3 };
        var a = _stylizer.Run(content, style, shared, Tiny);
        var b = _stylizer.Run(content, style, shared, Tiny);
        var c = _stylizer.Run(content, style, shared with { Seed = 4 }, Tiny);
        Assert.Equal(0, (a - b).abs().max().ToDouble());
        Assert.True((a - c).abs().max().ToDouble() > 0);
    }

    [Fact]
    public void Region_guidance_sends_each_content_region_to_its_style_region()
    {
        using var scope = NewDisposeScope();
        // Content: one grey texture over the whole image. Style: a red half and a blue half.
        var content = ImageIO.LoadTensor(_images.Write("grey.png", 40, 32, (x, y) => new Rgb24((byte)(110 + (x * 7 + y * 3) % 40), (byte)(120 + (x * y) % 30), 125)), 40);
        var style = ImageIO.LoadTensor(_images.Write("redblue.png", 40, 40, (x, y) =>
            x < 20 ? new Rgb24((byte)(200 + (x + y) % 40), 30, 30) : new Rgb24(30, 40, (byte)(200 + (x * y) % 40))), 40);
        var left = zeros(32, 40); left[.., ..20] = 1;
        var right = 1 - left;
        var red = zeros(40, 40); red[.., ..20] = 1;
        var blue = 1 - red;
        var shared = TinyShared with { MaxSize = 40, Iterations = 40 };
        var options = Tiny with { ContentWeight = 2 };

        double Redness(Tensor image, bool leftHalf)
        {
            var half = leftHalf ? image[0, .., .., ..20] : image[0, .., .., 20..];
            return (half[0] - half[2]).mean().ToDouble();
        }

        using (var guidance = new StrotssGuidance([("left→red", left, red), ("right→blue", right, blue)]))
        {
            var output = _stylizer.Run(content, style, shared, options, guidance);
            Assert.True(Redness(output, true) > Redness(output, false) + 0.2,
                $"R−B left {Redness(output, true):F3}, right {Redness(output, false):F3}");
        }
        using (var swapped = new StrotssGuidance([("left→blue", left, blue), ("right→red", right, red)]))
        {
            var output = _stylizer.Run(content, style, shared, options, swapped);
            Assert.True(Redness(output, false) > Redness(output, true) + 0.2,
                $"R−B left {Redness(output, true):F3}, right {Redness(output, false):F3}");
        }
    }

    [Fact]
    public void Bad_inputs_are_refused_before_any_work()
    {
        using var scope = NewDisposeScope();
        var image = rand(1, 3, 32, 32);
        Assert.Contains("[1,3,H,W]", Assert.Throws<ArgumentException>(() => _stylizer.Run(rand(3, 32, 32), image, TinyShared, Tiny)).Message);
        Assert.Contains("layer 'fc7'", Assert.Throws<ArgumentException>(() => _stylizer.Run(image, image, TinyShared, Tiny with { Layers = ["fc7"] })).Message);
        Assert.Contains("learning rate", Assert.Throws<ArgumentException>(() => _stylizer.Run(image, image, TinyShared, Tiny with { LearningRate = 0 })).Message);
        Assert.Contains("coarsest scale", Assert.Throws<ArgumentException>(() => new StylizeOptions { Method = "strotss", Shared = new() { MaxSize = 64 }, Strotss = new() { Scales = 4 } }.Validate()).Message);
        Assert.Contains("samples", Assert.Throws<ArgumentException>(() => new StrotssOptions { Samples = 1 }.Validate()).Message);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => _stylizer.Run(image, image, TinyShared, Tiny, ct: cts.Token));
    }
}
