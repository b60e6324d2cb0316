using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace StyleTransfer.Cli.Tests;

/// <summary>A temporary folder deleted at dispose, with helpers to create (tiny, generated) test images.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "st-cli-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public string File(string relative, string text = "")
    {
        var path = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A smooth colour gradient with a seed-dependent pattern, saved by extension (png, jpg, ...).</summary>
    public string Image(string relative, int width = 48, int height = 48, int seed = 0)
    {
        var path = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        using var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
            image[x, y] = new Rgb24((byte)(x * 255 / width), (byte)(y * 255 / height),
                (byte)(((x / (4 + seed)) + (y / (3 + seed))) % 2 * 200 + 20));
        image.Save(path);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
