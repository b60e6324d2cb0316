using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace StyleTransfer.Engine.Tests;

/// <summary>Deterministic synthetic images written to a temporary folder (tests never read ../shared).</summary>
public sealed class TestImages : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("st-engine-").FullName;

    /// <summary>A photo-like content image: smooth gradient sky over a darker ground with a bright disc.</summary>
    public string Content(int width = 64, int height = 48, string name = "content.png") => Write(name, width, height, (x, y) =>
    {
        bool ground = y > height * 0.6;
        double dx = x - width * 0.3, dy = y - height * 0.35;
        if (dx * dx + dy * dy < height * height / 36.0) return new Rgb24(250, 230, 120);
        return ground
            ? new Rgb24((byte)(60 + x % 7), (byte)(110 + y % 9), 50)
            : new Rgb24((byte)(120 + y), (byte)(160 + y), 230);
    });

    /// <summary>A painting-like style image: saturated diagonal stripes of red and blue.</summary>
    public string Style(int width = 64, int height = 64, string name = "style.png") => Write(name, width, height, (x, y) =>
        ((x + y) / 4) % 2 == 0 ? new Rgb24(220, 40, 30) : new Rgb24(30, 50, 200));

    public string Write(string name, int width, int height, Func<int, int, Rgb24> pixel)
    {
        using var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = pixel(x, y);
        var path = Path.Combine(Folder, name);
        image.Save(path);
        return path;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, true);
}
