using SixLabors.ImageSharp.PixelFormats;

namespace StyleTransfer.Engine.Methods.Strotss;

/// <summary>
/// The flat region colours of a hand-painted guidance image, found rather than prescribed: JPEG noise and
/// antialiased edges are absorbed by snapping every pixel to the nearest colour that covers a real share of the image.
/// </summary>
public static class GuidanceColors
{
    /// <summary>Largest per-channel distance (0..255) at which a pixel still belongs to a region colour.</summary>
    public const int Tolerance = 64;

    /// <summary>Region colours closer than this (per channel) are one colour; also the tolerance for matching content and style colours.</summary>
    public const int MergeDistance = 48;

    /// <summary>Share of pixels that must snap to a region colour for the image to count as colour-coded guidance.</summary>
    public const double MinCoverage = 0.9;

    /// <summary>Colours covering at least <paramref name="minFraction"/> of the pixels, most frequent first.</summary>
    public static IReadOnlyList<Rgb24> FindPalette(ReadOnlySpan<Rgb24> pixels, double minFraction)
    {
        // 16 levels per channel; each bin keeps its pixel count and mean colour.
        var counts = new long[4096];
        var sums = new long[4096 * 3];
        foreach (var p in pixels)
        {
            int bin = (p.R >> 4) << 8 | (p.G >> 4) << 4 | p.B >> 4;
            counts[bin]++;
            sums[3 * bin] += p.R;
            sums[3 * bin + 1] += p.G;
            sums[3 * bin + 2] += p.B;
        }
        var palette = new List<Rgb24>();
        foreach (int bin in Enumerable.Range(0, 4096).OrderByDescending(b => counts[b]))
        {
            if (counts[bin] < Math.Max(1, minFraction * pixels.Length)) break;
            var mean = new Rgb24((byte)(sums[3 * bin] / counts[bin]), (byte)(sums[3 * bin + 1] / counts[bin]), (byte)(sums[3 * bin + 2] / counts[bin]));
            // A bin next to a more frequent colour is that colour's noise (or an edge), not a region of its own.
            if (palette.All(c => Distance(c, mean) > MergeDistance)) palette.Add(mean);
        }
        return palette;
    }

    /// <summary>Index into <paramref name="palette"/> of each pixel's colour, or -1 when it is farther than <see cref="Tolerance"/> from all.</summary>
    public static int[] Assign(ReadOnlySpan<Rgb24> pixels, IReadOnlyList<Rgb24> palette)
    {
        var labels = new int[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            int best = -1, bestDistance = int.MaxValue;
            for (int k = 0; k < palette.Count; k++)
            {
                int d = Distance(pixels[i], palette[k]);
                if (d < bestDistance) { best = k; bestDistance = d; }
            }
            labels[i] = bestDistance <= Tolerance ? best : -1;
        }
        return labels;
    }

    /// <summary>Largest per-channel difference.</summary>
    public static int Distance(Rgb24 a, Rgb24 b) =>
        Math.Max(Math.Abs(a.R - b.R), Math.Max(Math.Abs(a.G - b.G), Math.Abs(a.B - b.B)));

    public static string Hex(Rgb24 c) => $"#{c.R:x2}{c.G:x2}{c.B:x2}";
}
