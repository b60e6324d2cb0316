using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using StyleTransfer.Engine.Imaging;

namespace StyleTransfer.Engine.Segmentation;

/// <summary>
/// Segmentation masks in the colour-label format of Deep Photo Style Transfer (Luan et al. 2017): each pixel is
/// one of nine pure colours. Pixels within <see cref="Tolerance"/> of a palette colour (JPEG noise) take that label.
/// Pixels farther from every palette colour ("off-palette": the anti-aliased edges some DPST masks have) are snapped
/// to the nearest label as well, as long as they are at most <see cref="MaxOffPaletteFraction"/> of the mask; a
/// mask with more is not a colour-label mask and is refused. The output's metadata records the share snapped.
/// </summary>
public static class ColorLabelMasks
{
    public static readonly IReadOnlyList<(string Name, Rgb24 Color)> Palette =
    [
        ("blue", new Rgb24(0, 0, 255)),
        ("green", new Rgb24(0, 255, 0)),
        ("black", new Rgb24(0, 0, 0)),
        ("white", new Rgb24(255, 255, 255)),
        ("red", new Rgb24(255, 0, 0)),
        ("yellow", new Rgb24(255, 255, 0)),
        ("grey", new Rgb24(128, 128, 128)),
        ("lightblue", new Rgb24(0, 255, 255)),
        ("purple", new Rgb24(255, 0, 255)),
    ];

    /// <summary>Largest per-channel distance (0..255) at which a pixel still snaps to a palette colour.</summary>
    public const int Tolerance = 60;

    /// <summary>Share of pixels allowed to be off-palette before the mask is refused (anti-aliased edges stay far below).</summary>
    public const double MaxOffPaletteFraction = 0.25;

    /// <summary>The share of a mask's pixels that are off-palette (0..1), without loading it as labels.</summary>
    public static double OffPaletteFraction(string path)
    {
        using var image = ImageIO.Load(path);
        var pixels = new Rgb24[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        return pixels.Count(p => Nearest(p).Distance > Tolerance) / (double)pixels.Length;
    }

    public static int IndexOf(string label)
    {
        for (int i = 0; i < Palette.Count; i++)
            if (Palette[i].Name == label) return i;
        throw new ArgumentException($"unknown label '{label}'; known: {string.Join(", ", Palette.Select(p => p.Name))}");
    }

    /// <summary>Reads a colour-label mask; if a size is expected, the mask must have that aspect ratio and is resized (nearest) to it.</summary>
    public static LabelMap Load(string path, int? expectedWidth = null, int? expectedHeight = null)
    {
        using var image = ImageIO.Load(path);
        if (expectedWidth is int ew && expectedHeight is int eh)
        {
            double maskAspect = (double)image.Width / image.Height, expectedAspect = (double)ew / eh;
            if (Math.Abs(maskAspect / expectedAspect - 1) > 0.02)
                throw new InvalidInputException(path, $"mask is {image.Width}x{image.Height}, which does not match its image ({ew}x{eh})");
        }
        var labels = new byte[image.Width * image.Height];
        var pixels = new Rgb24[labels.Length];
        image.CopyPixelDataTo(pixels);
        long offPalette = 0;
        var offExample = default(Rgb24);
        for (int i = 0; i < pixels.Length; i++)
        {
            var (index, distance) = Nearest(pixels[i]);
            labels[i] = (byte)index;
            if (distance > Tolerance) { offPalette++; offExample = pixels[i]; }
        }
        if (offPalette > MaxOffPaletteFraction * labels.Length)
            throw new InvalidInputException(path,
                $"{100.0 * offPalette / labels.Length:F1}% of the mask's pixels are not label colours (e.g. #{offExample.R:x2}{offExample.G:x2}{offExample.B:x2}); " +
                $"expected: {string.Join(", ", Palette.Select(p => $"{p.Name} #{p.Color.R:x2}{p.Color.G:x2}{p.Color.B:x2}"))}");
        var map = new LabelMap(path, image.Width, image.Height, labels);
        return expectedWidth is int w && expectedHeight is int h ? Resize(map, w, h) : map;
    }

    /// <summary>Nearest-neighbour resize of a label map.</summary>
    public static LabelMap Resize(LabelMap map, int width, int height)
    {
        if (map.Width == width && map.Height == height) return map;
        var labels = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            int sy = Math.Min(map.Height - 1, (int)((y + 0.5) * map.Height / height));
            for (int x = 0; x < width; x++)
            {
                int sx = Math.Min(map.Width - 1, (int)((x + 0.5) * map.Width / width));
                labels[y * width + x] = map.Labels[sy * map.Width + sx];
            }
        }
        return map with { Width = width, Height = height, Labels = labels };
    }

    static (int Index, int Distance) Nearest(Rgb24 p)
    {
        int best = 0, bestDistance = int.MaxValue;
        for (int i = 0; i < Palette.Count; i++)
        {
            var c = Palette[i].Color;
            int d = Math.Max(Math.Abs(p.R - c.R), Math.Max(Math.Abs(p.G - c.G), Math.Abs(p.B - c.B)));
            if (d < bestDistance) { best = i; bestDistance = d; }
        }
        return (best, bestDistance);
    }
}
