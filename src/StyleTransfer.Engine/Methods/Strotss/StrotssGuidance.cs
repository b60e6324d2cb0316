using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using StyleTransfer.Engine.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.Strotss;

/// <summary>
/// User guidance for STROTSS (Kolkin et al. 2019, section 3.3): region pairs (content region k is stylized only
/// from style region k) and point pairs (features pulled together at corresponding points). Owns its mask tensors.
/// </summary>
public sealed class StrotssGuidance : IDisposable
{
    readonly List<StrotssRegion> _regions = [];

    /// <param name="regions">content and style masks ([H,W] or [1,1,H,W], values in [0,1], any sizes); copied.</param>
    /// <param name="points">point pairs; none for region guidance only.</param>
    /// <param name="pointWeight">weight of the point term beside the style loss (reference: 1).</param>
    public StrotssGuidance(IEnumerable<(string Label, Tensor ContentMask, Tensor StyleMask)> regions,
        IEnumerable<StrotssPointPair>? points = null, double pointWeight = 1.0)
    {
        Points = (points ?? []).ToList();
        foreach (var p in Points) p.Validate();
        if (!double.IsFinite(pointWeight) || pointWeight < 0)
            throw new ArgumentException($"point weight {pointWeight} must be finite and >= 0");
        PointWeight = pointWeight;
        try
        {
            foreach (var (label, contentMask, styleMask) in regions)
                _regions.Add(new StrotssRegion(label, CopyMask(contentMask, label, "content"), CopyMask(styleMask, label, "style")));
        }
        catch
        {
            Dispose();
            throw;
        }
        if (_regions.Count == 0 && Points.Count == 0)
            throw new ArgumentException("guidance has neither regions nor points");
    }

    public static StrotssGuidance FromPoints(IEnumerable<StrotssPointPair> points, double pointWeight = 1.0) =>
        new([], points, pointWeight);

    /// <summary>
    /// Region guidance from two colour-coded images (as in the reference implementation): regions painted in the same
    /// colour in both correspond. The colours are those covering at least <paramref name="minRegionFraction"/> of each
    /// image (JPEG noise is snapped away); the images may differ in size (masks are resized to every scale), but
    /// given <paramref name="contentSize"/> and <paramref name="styleSize"/> (width, height of the images they guide)
    /// each must have its image's shape (aspect ratio within 2%), else the item fails naming the mask. Content
    /// pixels of a colour the style lacks get no style samples (they follow their surroundings through the pyramid).
    /// </summary>
    public static StrotssGuidance FromColorMasks(string contentGuidancePath, string styleGuidancePath,
        IEnumerable<StrotssPointPair>? points = null, double minRegionFraction = 0.002, double pointWeight = 1.0,
        (int Width, int Height)? contentSize = null, (int Width, int Height)? styleSize = null)
    {
        if (!double.IsFinite(minRegionFraction) || minRegionFraction <= 0 || minRegionFraction >= 1)
            throw new ArgumentException($"minimum region fraction {minRegionFraction} is out of range (0..1)");
        var content = ReadColours(contentGuidancePath, minRegionFraction, contentSize);
        var style = ReadColours(styleGuidancePath, minRegionFraction, styleSize);

        var pairs = new List<(string, Tensor, Tensor)>();
        try
        {
            for (int k = 0; k < content.Palette.Count; k++)
            {
                int match = Enumerable.Range(0, style.Palette.Count)
                    .Where(j => GuidanceColors.Distance(content.Palette[k], style.Palette[j]) <= GuidanceColors.MergeDistance)
                    .OrderBy(j => GuidanceColors.Distance(content.Palette[k], style.Palette[j]))
                    .DefaultIfEmpty(-1).First();
                if (match < 0) continue;
                pairs.Add((GuidanceColors.Hex(content.Palette[k]), content.Mask(k), style.Mask(match)));
            }
            if (pairs.Count == 0)
                throw new InvalidInputException(styleGuidancePath,
                    $"shares no region colour with {contentGuidancePath} (content: {string.Join(" ", content.Palette.Select(GuidanceColors.Hex))}; " +
                    $"style: {string.Join(" ", style.Palette.Select(GuidanceColors.Hex))})");
            return new StrotssGuidance(pairs, points, pointWeight);
        }
        finally
        {
            foreach (var (_, c, s) in pairs) { c.Dispose(); s.Dispose(); }
        }
    }

    public IReadOnlyList<StrotssRegion> Regions => _regions;

    public IReadOnlyList<StrotssPointPair> Points { get; }

    public double PointWeight { get; }

    public void Dispose()
    {
        foreach (var r in _regions) { r.ContentMask.Dispose(); r.StyleMask.Dispose(); }
        _regions.Clear();
    }

    static Tensor CopyMask(Tensor mask, string label, string side)
    {
        var m = mask.dim() == 4 && mask.shape[0] == 1 && mask.shape[1] == 1 ? mask[0, 0] : mask.alias();
        using (m)
        {
            if (m.dim() != 2 || m.shape[0] < 1 || m.shape[1] < 1)
                throw new ArgumentException($"region '{label}': the {side} mask must be [H,W] or [1,1,H,W], not [{string.Join(",", mask.shape)}]");
            var copy = m.detach().to(CPU).to_type(ScalarType.Float32).clone();
            if (!copy.isfinite().all().ToBoolean() || copy.min().ToSingle() < 0 || copy.max().ToSingle() > 1)
            {
                copy.Dispose();
                throw new ArgumentException($"region '{label}': the {side} mask has values outside [0,1]");
            }
            if (copy.max().ToSingle() <= 0.5f)
            {
                copy.Dispose();
                throw new ArgumentException($"region '{label}': the {side} mask is empty (no value above 0.5)");
            }
            return copy.DetachFromDisposeScope();
        }
    }

    sealed record ColourImage(int Width, int Height, IReadOnlyList<Rgb24> Palette, int[] Labels)
    {
        public Tensor Mask(int k)
        {
            var values = new float[Labels.Length];
            for (int i = 0; i < values.Length; i++) values[i] = Labels[i] == k ? 1f : 0f;
            return tensor(values, [Height, Width]);
        }
    }

    static ColourImage ReadColours(string path, double minFraction, (int Width, int Height)? expected)
    {
        using var image = ImageIO.Load(path);
        if (expected is var (ew, eh) && Math.Abs((double)image.Width / image.Height / ((double)ew / eh) - 1) > 0.02)
            throw new InvalidInputException(path, $"guidance mask is {image.Width}x{image.Height}, which does not match the shape of its image ({ew}x{eh})");
        var pixels = new Rgb24[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        var palette = GuidanceColors.FindPalette(pixels, minFraction);
        var labels = GuidanceColors.Assign(pixels, palette);
        double coverage = labels.Count(l => l >= 0) / (double)labels.Length;
        if (palette.Count == 0 || coverage < GuidanceColors.MinCoverage)
            throw new InvalidInputException(path,
                $"is not a colour-coded guidance image: only {100 * coverage:F0}% of its pixels are flat region colours " +
                $"(found {palette.Count}: {string.Join(" ", palette.Select(GuidanceColors.Hex))}); paint regions in a few flat colours");
        return new ColourImage(image.Width, image.Height, palette, labels);
    }
}
