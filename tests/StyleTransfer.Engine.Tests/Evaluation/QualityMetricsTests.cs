using System.Text.Json;
using SixLabors.ImageSharp.PixelFormats;
using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Evaluation;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Evaluation;

/// <summary>QualityMetrics.Evaluate on tiny generated images with the real ResNet-18.</summary>
public class QualityMetricsTests : IClassFixture<QualityMetricsTests.BackboneFixture>, IDisposable
{
    public sealed class BackboneFixture : IDisposable
    {
        public IBackbone Backbone { get; } = ResNet18Backbone.Load(null, CPU);
        public void Dispose() => Backbone.Dispose();
    }

    static readonly Rgb24 Sky = new(120, 170, 230), Grass = new(60, 120, 50);
    static readonly Rgb24 Sunset = new(240, 120, 60), Sand = new(200, 180, 120);
    static readonly Rgb24 Blue = new(0, 0, 255), Green = new(0, 255, 0);

    readonly IBackbone _backbone;
    readonly TestImages _images = new();

    public QualityMetricsTests(BackboneFixture fixture) => _backbone = fixture.Backbone;

    public void Dispose() => _images.Dispose();

    [Fact]
    public void Output_identical_to_the_content_keeps_all_structure_and_the_contents_colours()
    {
        var content = _images.Content(64, 48);
        var style = _images.Style(40, 40);
        var report = QualityMetrics.Evaluate(content, content, style, backbone: _backbone);

        Assert.Equal(1.0, report.StructureSsim, 9);
        Assert.Equal(report.ContentColorDistance, report.ColorDistance, 9);
        Assert.True(report.ColorDistance > 20, $"content vs red/blue stripes: {report.ColorDistance}");
        Assert.True(report.StyleStatisticsDistance > 0.1, $"{report.StyleStatisticsDistance}");
        Assert.Empty(report.PerGroup);
        Assert.Equal((content, content, style), (report.Output, report.Content, report.Style));
    }

    [Fact]
    public void Large_images_are_compared_on_the_same_seeded_colour_samples()
    {
        // 160x120 = 19200 pixels: more than MaxColorSamples, so colours are sampled; output and content share samples.
        var content = _images.Content(160, 120);
        var style = _images.Style(150, 150);
        Assert.True(160 * 120 > QualityMetrics.MaxColorSamples && 150 * 150 > QualityMetrics.MaxColorSamples);
        var report = QualityMetrics.Evaluate(content, content, style, backbone: _backbone);
        Assert.Equal(report.ContentColorDistance, report.ColorDistance, 12);
        Assert.Equal(0.0, QualityMetrics.Evaluate(style, content, style, backbone: _backbone).ColorDistance, 12);
        var again = QualityMetrics.Evaluate(content, content, style, backbone: _backbone);
        Assert.Equal(report with { PerGroup = again.PerGroup }, again);
    }

    [Fact]
    public void Output_identical_to_the_style_has_its_colours_and_statistics()
    {
        var content = _images.Content(40, 40);
        var style = _images.Style(40, 40);
        var report = QualityMetrics.Evaluate(style, content, style, backbone: _backbone);

        Assert.Equal(0.0, report.ColorDistance, 9);
        Assert.Equal(0.0, report.StyleStatisticsDistance, 9);
        Assert.True(report.ContentColorDistance > 20);
        Assert.True(report.StructureSsim < 0.5, $"stripes vs the content: SSIM {report.StructureSsim}");
    }

    [Fact]
    public void Output_is_read_at_most_max_size_and_content_follows_its_size()
    {
        // A 96x64 output evaluated at 48 px against a 64x48 content image of another aspect: no error, SSIM of 1
        // when both are the same picture at different resolutions would need identical resampling, so only sanity.
        var output = _images.Content(96, 64, "big.png");
        var content = _images.Content(64, 48);
        var style = _images.Style(80, 80);
        var report = QualityMetrics.Evaluate(output, content, style, backbone: _backbone, maxSize: 48);
        Assert.InRange(report.StructureSsim, 0.3, 1.0);
        Assert.True(double.IsFinite(report.ColorDistance) && double.IsFinite(report.StyleStatisticsDistance));
    }

    [Fact]
    public void Masks_give_per_group_distances_with_the_contents_as_baseline()
    {
        // Content 48x32: sky left, grass right; style 32x32: sunset on top, sand below; labels blue = sky, green = ground.
        var content = _images.Write("content.png", 48, 32, (x, _) => x < 24 ? Sky : Grass);
        var contentMask = _images.Write("content_seg.png", 48, 32, (x, _) => x < 24 ? Blue : Green);
        var style = _images.Write("style.png", 32, 32, (_, y) => y < 16 ? Sunset : Sand);
        var styleMask = _images.Write("style_seg.png", 32, 32, (_, y) => y < 16 ? Blue : Green);
        // A perfect semantic transfer: each region takes the colour of its style region.
        var output = _images.Write("output.png", 48, 32, (x, _) => x < 24 ? Sunset : Sand);
        // A swapped transfer: right colours overall, wrong regions.
        var swapped = _images.Write("swapped.png", 48, 32, (x, _) => x < 24 ? Sand : Sunset);

        var report = QualityMetrics.Evaluate(output, content, style, contentMask, styleMask, _backbone);
        var bad = QualityMetrics.Evaluate(swapped, content, style, contentMask, styleMask, _backbone);

        Assert.Equal(["blue", "green"], report.PerGroup.Select(g => g.Label).Order());
        var sky = report.PerGroup.Single(g => g.Label == "blue");
        var ground = report.PerGroup.Single(g => g.Label == "green");
        Assert.Equal(0.5, sky.ContentFraction, 9);
        Assert.Equal(0.0, sky.ColorDistance, 6);
        Assert.Equal(0.0, ground.ColorDistance, 6);
        // Uniform regions: the baseline is the CIELAB distance (ΔE 1976) between the two colours.
        Assert.Equal(DeltaE(Sky, Sunset), sky.ContentColorDistance, 4);
        Assert.Equal(DeltaE(Grass, Sand), ground.ContentColorDistance, 4);
        Assert.True(report.ColorDistance < 1, $"whole image {report.ColorDistance}");
        Assert.True(report.ContentColorDistance > 30);

        // Swapped regions look right on the whole image but not per group.
        Assert.True(bad.ColorDistance < 1, $"whole image {bad.ColorDistance}");
        Assert.All(bad.PerGroup, g => Assert.True(g.ColorDistance > 20, $"{g.Label}: {g.ColorDistance}"));
        Assert.Equal(DeltaE(Sand, Sunset), bad.PerGroup.Single(g => g.Label == "blue").ColorDistance, 4);
    }

    [Fact]
    public void Content_labels_missing_from_the_style_are_left_out()
    {
        var content = _images.Content(32, 32);
        var contentMask = _images.Write("c_seg.png", 32, 32, (x, _) => x < 16 ? Blue : new Rgb24(255, 0, 0));
        var style = _images.Style(32, 32);
        var styleMask = _images.Write("s_seg.png", 32, 32, (_, _) => Blue);
        var report = QualityMetrics.Evaluate(content, content, style, contentMask, styleMask, _backbone);
        Assert.Equal("blue", Assert.Single(report.PerGroup).Label);
    }

    [Fact]
    public void Report_round_trips_through_camel_case_json()
    {
        var report = new QualityReport("o.png", "c.png", "s.png", 0.75, 12.5, 30.25, 0.5,
            [new GroupQuality("blue", 1.5, 2.5, 0.25)]);
        var json = JsonSerializer.Serialize(report, QualityMetrics.JsonOptions);
        Assert.Contains("\"structureSsim\":0.75", json);
        Assert.Contains("\"perGroup\":[{\"label\":\"blue\",\"colorDistance\":1.5,\"contentColorDistance\":2.5,\"contentFraction\":0.25}]", json);
        var back = JsonSerializer.Deserialize<QualityReport>(json, QualityMetrics.JsonOptions)!;
        Assert.Equal(report with { PerGroup = back.PerGroup }, back);
        Assert.Equal(report.PerGroup, back.PerGroup);
    }

    [Fact]
    public void Bad_inputs_name_the_file()
    {
        var content = _images.Content(32, 32);
        var corrupt = _images.WriteBytes("corrupt.png", [1, 2, 3, 4]);
        var e = Assert.Throws<InvalidInputException>(() => QualityMetrics.Evaluate(corrupt, content, content, backbone: _backbone));
        Assert.Equal(corrupt, e.Path);
        var missing = Path.Combine(_images.Folder, "missing.png");
        e = Assert.Throws<InvalidInputException>(() => QualityMetrics.Evaluate(content, content, missing, backbone: _backbone));
        Assert.Equal(missing, e.Path);
        Assert.Throws<ArgumentException>(() => QualityMetrics.Evaluate(content, content, content, contentMaskPath: content, backbone: _backbone));
    }

    static double DeltaE(Rgb24 a, Rgb24 b)
    {
        using var rgb = tensor(new double[] { a.R, a.G, a.B, b.R, b.G, b.B }, [2, 3]) / 255.0;
        using var lab = QualityMetrics.RgbToLab(rgb);
        return (lab[0] - lab[1]).norm().ToDouble();
    }
}
