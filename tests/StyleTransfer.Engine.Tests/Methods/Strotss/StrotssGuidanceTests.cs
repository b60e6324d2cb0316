using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using StyleTransfer.Engine.Methods.Strotss;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Methods.Strotss;

/// <summary>Colour-coded region guidance: finding the colours through JPEG noise, pairing them, and the errors.</summary>
public sealed class StrotssGuidanceTests : IDisposable
{
    readonly TestImages _images = new();

    public void Dispose() => _images.Dispose();

    static readonly Rgb24 Red = new(146, 36, 36), Purple = new(146, 36, 146), Olive = new(146, 109, 36), White = new(255, 255, 255);

    /// <summary>Writes a JPEG at low quality so that the flat colours come back noisy, as hand-made guidance does.</summary>
    string Jpeg(string name, int width, int height, Func<int, int, Rgb24> pixel)
    {
        using var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = pixel(x, y);
        var path = Path.Combine(_images.Folder, name);
        image.Save(path, new JpegEncoder { Quality = 60 });
        return path;
    }

    [Fact]
    public void Common_colours_pair_up_through_jpeg_noise_and_different_sizes()
    {
        // Content: white background, red left block, purple right block. Style (another size): red top, olive middle, white bottom.
        var content = Jpeg("c.jpg", 60, 40, (x, y) => y < 8 ? White : x < 30 ? Red : Purple);
        var style = Jpeg("s.jpg", 50, 90, (x, y) => y < 30 ? Red : y < 60 ? Olive : White);
        using var guidance = StrotssGuidance.FromColorMasks(content, style);

        Assert.Equal(2, guidance.Regions.Count); // white and red; purple and olive have no partner
        var red = guidance.Regions.Single(r => r.Label != GuidanceColors.Hex(White) && r.ContentMask[20, 10].ToDouble() == 1);
        Assert.Equal([40L, 60L], red.ContentMask.shape);
        Assert.Equal([90L, 50L], red.StyleMask.shape);
        // Most of the red block is found (JPEG blurs the borders a little), and nothing of the purple one.
        Assert.True(red.ContentMask[8.., ..30].mean().ToDouble() > 0.9);
        Assert.Equal(0, red.ContentMask[10.., 35..].sum().ToDouble());
        Assert.True(red.StyleMask[..30].mean().ToDouble() > 0.9);
        Assert.Equal(0, red.StyleMask[35..].sum().ToDouble());
        Assert.Empty(guidance.Points);
    }

    [Fact]
    public void Missing_file_names_the_file()
    {
        var style = Jpeg("s.jpg", 20, 20, (_, _) => Red);
        var missing = Path.Combine(_images.Folder, "nope.png");
        var e = Assert.Throws<InvalidInputException>(() => StrotssGuidance.FromColorMasks(missing, style));
        Assert.Equal(missing, e.Path);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void No_common_colour_is_refused_with_both_palettes()
    {
        var content = Jpeg("c.jpg", 20, 20, (x, _) => x < 10 ? Red : White);
        var style = Jpeg("s.jpg", 20, 20, (_, _) => Olive);
        var e = Assert.Throws<InvalidInputException>(() => StrotssGuidance.FromColorMasks(content, style));
        Assert.Equal(style, e.Path);
        Assert.Contains("no region colour", e.Message);
        Assert.Contains(content, e.Message);
    }

    [Fact]
    public void A_photo_is_not_guidance()
    {
        var photo = _images.Write("photo.png", 64, 64, (x, y) => new Rgb24((byte)(x * 4), (byte)(y * 4), (byte)((x * y) % 256)));
        var style = Jpeg("s.jpg", 20, 20, (_, _) => Red);
        var e = Assert.Throws<InvalidInputException>(() => StrotssGuidance.FromColorMasks(photo, style));
        Assert.Equal(photo, e.Path);
        Assert.Contains("not a colour-coded guidance image", e.Message);
    }

    [Fact]
    public void Masks_and_points_are_validated()
    {
        using var scope = NewDisposeScope();
        var ok = ones(4, 4);
        Assert.Contains("outside [0,1]", Assert.Throws<ArgumentException>(() => new StrotssGuidance([("a", ok * 2, ok)])).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => new StrotssGuidance([("a", ok, zeros(4, 4))])).Message);
        Assert.Contains("[H,W]", Assert.Throws<ArgumentException>(() => new StrotssGuidance([("a", ones(3, 4, 4), ok)])).Message);
        Assert.Contains("outside [0,1]", Assert.Throws<ArgumentException>(() => StrotssGuidance.FromPoints([new StrotssPointPair(0.5, 1.5, 0, 0)])).Message);
        Assert.Contains("neither", Assert.Throws<ArgumentException>(() => new StrotssGuidance([])).Message);
        using var g = new StrotssGuidance([("a", ok.reshape(1, 1, 4, 4), ok)], [new StrotssPointPair(0, 0, 1, 1)], 2);
        Assert.Equal([4L, 4L], g.Regions[0].ContentMask.shape);
        Assert.Equal(2, g.PointWeight);
    }
}
