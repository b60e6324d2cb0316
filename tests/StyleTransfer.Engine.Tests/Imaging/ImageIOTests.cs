using StyleTransfer.Engine.Imaging;

namespace StyleTransfer.Engine.Tests.Imaging;

public class ImageIOTests : IDisposable
{
    readonly TestImages _images = new();

    public void Dispose() => _images.Dispose();

    [Fact]
    public void Loads_rgb_tensor_resized_to_the_longest_side()
    {
        using var t = ImageIO.LoadTensor(_images.Content(80, 40), 32);
        Assert.Equal(new long[] { 1, 3, 16, 32 }, t.shape);
        Assert.InRange(t.min().ToDouble(), 0, 1);
        Assert.InRange(t.max().ToDouble(), 0, 1);
    }

    [Fact]
    public void Png_round_trip_keeps_pixels()
    {
        using var t = ImageIO.LoadTensor(_images.Style(16, 16), 16);
        var png = ImageIO.EncodePng(t);
        var path = _images.WriteBytes("roundtrip.png", png);
        using var back = ImageIO.LoadTensor(path, 16);
        Assert.True(t.allclose(back, atol: 1.0 / 255));
    }

    [Fact]
    public void Missing_file_is_named_in_the_error()
    {
        var path = Path.Combine(_images.Folder, "nope.jpg");
        var e = Assert.Throws<InvalidInputException>(() => ImageIO.Load(path));
        Assert.Equal(path, e.Path);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void Unsupported_format_is_named_in_the_error()
    {
        var path = _images.WriteBytes("notes.png", "just some text, not an image"u8.ToArray());
        var e = Assert.Throws<InvalidInputException>(() => ImageIO.Load(path));
        Assert.StartsWith(path, e.Message);
        Assert.Contains("not a supported image", e.Message);
    }

    [Fact]
    public void Truncated_image_is_reported_as_corrupt()
    {
        var good = File.ReadAllBytes(_images.Content(64, 64));
        var path = _images.WriteBytes("truncated.png", good[..(good.Length / 2)]);
        var e = Assert.Throws<InvalidInputException>(() => ImageIO.Load(path));
        Assert.StartsWith(path, e.Message);
    }

    [Fact]
    public void Folder_instead_of_file_is_reported()
    {
        var e = Assert.Throws<InvalidInputException>(() => ImageIO.Load(_images.Folder));
        Assert.Contains("folder", e.Problem);
    }
}
