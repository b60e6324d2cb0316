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
