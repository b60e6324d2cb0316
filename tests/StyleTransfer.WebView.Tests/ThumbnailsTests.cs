using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using StyleTransfer.Silo.WebView;

namespace StyleTransfer.WebView.Tests;

public sealed class ThumbnailsTests
{
    [Fact]
    public void A_large_image_is_scaled_to_fit_keeping_its_aspect_and_a_small_one_keeps_its_size()
    {
        using var wide = new Image<Rgb24>(400, 200, new Rgb24(200, 30, 30));
        using var small = new Image<Rgb24>(40, 30, new Rgb24(30, 200, 30));

        using var a = Image.Load(Thumbnails.Make(Png(wide), 160, "wide.png"));
        using var b = Image.Load(Thumbnails.Make(Png(small), 160, "small.png"));

        Assert.Equal((160, 80), (a.Width, a.Height));
        Assert.Equal((40, 30), (b.Width, b.Height));
    }

    [Fact]
    public void Bytes_that_are_not_an_image_fail_naming_the_result()
    {
        var e = Assert.Throws<InvalidDataException>(() => Thumbnails.Make([1, 2, 3, 4], 160, "job/x.png"));
        Assert.Contains("job/x.png", e.Message);
    }

    static byte[] Png(Image image)
    {
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }
}
