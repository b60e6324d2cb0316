using StyleTransfer.Engine.Evaluation;
using StyleTransfer.Engine.Segmentation;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Losses.Terms;

/// <summary>
/// Per-region colour distribution term: for every semantic region, the sliced 2-Wasserstein distance (squared)
/// between the output's colours in the region and the style region's colours, summed with the region's share of the
/// pixels as weight (so a per-pixel mean). Colours are RGB in [0,1], projected on fixed directions (whole random
/// orthonormal bases, seeded), sorted and compared quantile by quantile; a region whose colours are a permutation of
/// the style region's costs zero.
/// <para>
/// Why: the <see cref="FeatureLayers.Pixels"/> Gram pins only the second moments of each region's colours, weighted
/// relative to the whole style's Gram, so a region that must change its colours entirely (a summer field under a
/// winter style, a dark object under a vivid one) stops at the right moments with the wrong distribution (greyed,
/// washed out). Matching every 1-D marginal moves the whole distribution, as STROTSS's palette term does for the
/// image. Directions are fixed, not re-drawn per step, so that the objective stays deterministic for L-BFGS.
/// </para>
/// </summary>
public sealed class SlicedWassersteinColorTerm : ILossTerm
{
    /// <summary>Directions: whole orthonormal bases of RGB, so a colour shift t costs |t|² exactly.</summary>
    public const int DefaultDirections = 24;

    sealed record Region(Tensor Indices, Tensor TargetQuantiles, double Weight);

    readonly List<Region> _regions = [];
    readonly Tensor _directions; // [3,K]

    /// <param name="regions">per region: the content mask [h,w] at the output's size (a pixel belongs where the mask is at
    /// least ½) and the style region's colours [M,3] (RGB in [0,1]).</param>
    /// <param name="directions">projection directions, rounded up to whole bases of 3.</param>
    public SlicedWassersteinColorTerm(IEnumerable<(Tensor ContentMask, Tensor StyleColors)> regions, int directions = DefaultDirections, int seed = QualityMetrics.DefaultSeed)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        long total = 0;
        var kept = new List<(Tensor Indices, Tensor Style)>();
        Device? device = null;
        foreach (var (mask, style) in regions)
        {
            if (style.dim() != 2 || style.shape[1] != 3)
                throw new ArgumentException($"style colours must be [M,3], got [{string.Join(",", style.shape)}]");
            if (total != 0 && mask.numel() != total)
                throw new ArgumentException("the content masks of a colour term must all have the output's size");
            total = mask.numel();
            device ??= mask.device;
            var indices = mask.flatten().ge(0.5).nonzero().squeeze(1);
            if (indices.shape[0] == 0 || style.shape[0] == 0) continue;
            kept.Add((indices, style));
        }
        _directions = QualityMetrics.RandomDirections(3, directions, seed).to(ScalarType.Float32).to(device ?? CPU).DetachFromDisposeScope();
        foreach (var (indices, style) in kept)
        {
            var sorted = style.to(ScalarType.Float32).to(_directions.device).matmul(_directions).sort(0).Values; // [M,K]
            var target = Quantiles(sorted, indices.shape[0]);
            _regions.Add(new Region(indices.DetachFromDisposeScope(), target.DetachFromDisposeScope(), (double)indices.shape[0] / total));
        }
    }

    /// <summary>
    /// The term for an output of <paramref name="height"/>×<paramref name="width"/>: per shared region of
    /// <paramref name="regions"/>, or the whole image against the whole style when null.
    /// </summary>
    public static SlicedWassersteinColorTerm For(Tensor style, RegionMasks? regions, long height, long width)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var colors = style[0].reshape(3, -1).t();
        if (regions is null)
            return new SlicedWassersteinColorTerm([(ones(height, width, device: style.device), colors)]);
        return new SlicedWassersteinColorTerm(regions.At(height, width, style.shape[2], style.shape[3])
            .Select(r => (r.Content, colors.index_select(0, r.Style.flatten().ge(0.5).nonzero().squeeze(1))))
            .ToList());
    }

    public int RegionCount => _regions.Count;

    public IReadOnlyCollection<string> Layers { get; } = [];

    public Tensor Compute(LossInput input)
    {
        var image = input.Image;
        using var pixels = image[0].reshape(3, -1).t();
        Tensor total = zeros(1, device: image.device).sum();
        foreach (var region in _regions)
        {
            using var colors = pixels.index_select(0, region.Indices);
            using var projected = colors.matmul(_directions);
            using var sorted = projected.sort(0).Values;
            // 3 × mean over directions of W₂²: whole bases make a shift t cost |t|².
            var distance = (sorted - region.TargetQuantiles).square().mean().mul(3 * region.Weight);
            var sum = total + distance;
            total.Dispose();
            distance.Dispose();
            total = sum;
        }
        return total;
    }

    /// <summary>Sorted columns [M,K] linearly interpolated at the <paramref name="count"/> quantiles (k + ½)/count.</summary>
    internal static Tensor Quantiles(Tensor sorted, long count)
    {
        long m = sorted.shape[0];
        if (m == count) return sorted;
        var position = ((arange(count, ScalarType.Float32, sorted.device) + 0.5) * ((double)m / count) - 0.5).clamp(0, m - 1);
        var lo = position.floor();
        var weight = (position - lo).unsqueeze(1);
        var loIndex = lo.to_type(ScalarType.Int64);
        var hiIndex = (loIndex + 1).clamp_max(m - 1);
        return sorted.index_select(0, loIndex) * (1 - weight) + sorted.index_select(0, hiIndex) * weight;
    }

    public void Dispose()
    {
        foreach (var r in _regions) { r.Indices.Dispose(); r.TargetQuantiles.Dispose(); }
        _regions.Clear();
        _directions.Dispose();
    }
}
