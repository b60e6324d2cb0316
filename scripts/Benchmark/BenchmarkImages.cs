using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace StyleTransfer.Benchmark;

/// <summary>Benchmark inputs: the fetched samples (scripts/fetch-samples.sh) when present, else generated images.</summary>
static class BenchmarkImages
{
    public static (IReadOnlyList<string> Contents, string Style) Find(string repoRoot, string scratch, int count)
    {
        var photos = Path.Combine(repoRoot, "samples", "photos");
        var styles = Path.Combine(repoRoot, "samples", "styles");
        if (Directory.Exists(photos) && Directory.Exists(styles))
        {
            var contents = Directory.GetFiles(photos).Order().ToList();
            var style = Directory.GetFiles(styles).Order().FirstOrDefault();
            if (contents.Count > 0 && style is not null)
                return (Enumerable.Range(0, count).Select(i => contents[i % contents.Count]).ToList(), style);
        }
        Console.WriteLine("(samples/ not found: using generated images; run scripts/fetch-samples.sh for real photos)");
        Directory.CreateDirectory(scratch);
        var generated = Enumerable.Range(0, count).Select(i => Write(Path.Combine(scratch, $"content{i}.png"), 640, 480,
            (x, y) => new Rgb24((byte)(x * 255 / 640), (byte)((y + 40 * i) % 256), (byte)((x ^ y) & 0xff)))).ToList();
        var styleImage = Write(Path.Combine(scratch, "style.png"), 512, 512,
            (x, y) => ((x + y) / 16) % 2 == 0 ? new Rgb24(220, 40, 30) : new Rgb24(30, 50, 200));
        return (generated, styleImage);
    }

    static string Write(string path, int w, int h, Func<int, int, Rgb24> pixel)
    {
        using var image = new Image<Rgb24>(w, h);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                image[x, y] = pixel(x, y);
        image.Save(path);
        return path;
    }
}
