using SixLabors.ImageSharp.PixelFormats;
using StyleTransfer.Engine.Segmentation;

namespace StyleTransfer.Engine.Tests.Segmentation;

public class ColorLabelMasksTests : IDisposable
{
    readonly TestImages _images = new();

    public void Dispose() => _images.Dispose();

    string SkyOverGround(string name, int w, int h, Rgb24 ground) =>
        _images.Write(name, w, h, (x, y) => y < h / 2 ? new Rgb24(0, 0, 255) : ground);

    [Fact]
    public void Reads_labels_and_fractions()
    {
        var map = ColorLabelMasks.Load(SkyOverGround("m.png", 20, 10, new Rgb24(0, 255, 0)));
        var f = map.Fractions();
        Assert.Equal(0.5, f["blue"], 6);
        Assert.Equal(0.5, f["green"], 6);
    }

    [Fact]
    public void Snaps_near_colours_from_compression_noise()
    {
        var map = ColorLabelMasks.Load(SkyOverGround("m.png", 20, 10, new Rgb24(12, 240, 9)));
        Assert.Equal(0.5, map.Fractions()["green"], 6);
    }

    [Fact]
    public void Unknown_colours_are_rejected_with_the_file_named()
    {
        var path = SkyOverGround("bad.png", 20, 10, new Rgb24(255, 128, 0));
        var e = Assert.Throws<InvalidInputException>(() => ColorLabelMasks.Load(path));
        Assert.Equal(path, e.Path);
        Assert.Contains("not label colours", e.Message);
    }

    [Theory]
    [InlineData(1, 0.05)]
    [InlineData(4, 0.20)]
    public void Antialiased_edges_up_to_a_quarter_of_the_mask_are_snapped_to_the_nearest_label(int edgeRows, double fraction)
    {
        // Blue sky over white ground with rows of blue-white blend between them (the DPST masks' anti-aliasing).
        var path = _images.Write("soft.png", 20, 20, (x, y) =>
            y < 10 ? new Rgb24(0, 0, 255) : y < 10 + edgeRows ? new Rgb24(120, 120, 255) : new Rgb24(255, 255, 255));

        var map = ColorLabelMasks.Load(path);

        Assert.Equal(fraction, ColorLabelMasks.OffPaletteFraction(path), 6);
        var f = map.Fractions();
        Assert.Equal(1.0, f.Values.Sum(), 6);
        Assert.Equal(new[] { "blue", "white" }, f.Where(p => p.Value > 0).Select(p => p.Key).Order());
    }

    [Fact]
    public void A_mask_mostly_off_palette_is_refused()
    {
        var path = _images.Write("mostly.png", 20, 20, (x, y) => y < 14 ? new Rgb24(120, 120, 255) : new Rgb24(255, 255, 255));
        var e = Assert.Throws<InvalidInputException>(() => ColorLabelMasks.Load(path));
        Assert.Contains("70.0% of the mask's pixels are not label colours", e.Message);
    }

    [Fact]
    public void Mask_of_another_shape_than_its_image_is_rejected()
    {
        var path = SkyOverGround("m.png", 20, 10, new Rgb24(0, 255, 0));
        var e = Assert.Throws<InvalidInputException>(() => ColorLabelMasks.Load(path, 30, 30));
        Assert.Contains("does not match", e.Message);
    }

    [Fact]
    public void Groups_mark_labels_missing_from_the_style_as_orphans()
    {
        var content = ColorLabelMasks.Load(_images.Write("c.png", 10, 10, (x, y) =>
            y < 4 ? new Rgb24(0, 0, 255) : y < 8 ? new Rgb24(0, 255, 0) : new Rgb24(255, 0, 0)));
        var style = ColorLabelMasks.Load(SkyOverGround("s.png", 10, 10, new Rgb24(0, 255, 0)));
        var groups = SemanticGroups.Match(content, style).ToDictionary(g => g.Label);
        Assert.False(groups["blue"].Orphan);
        Assert.False(groups["green"].Orphan);
        Assert.True(groups["red"].Orphan);
        Assert.Equal(0.4, groups["blue"].ContentFraction, 6);
        Assert.Equal(0.5, groups["blue"].StyleFraction, 6);
    }
}
