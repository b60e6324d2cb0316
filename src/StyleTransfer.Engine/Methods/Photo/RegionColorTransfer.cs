using StyleTransfer.Engine.Evaluation;
using StyleTransfer.Engine.Losses.Terms;
using StyleTransfer.Engine.Segmentation;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.Photo;

/// <summary>
/// The content recoloured with the style's colours, region by region. Within each shared semantic region:
/// <list type="bullet">
/// <item>the chroma: the content's colours are moved onto the style region's colour distribution by iterative sliced
/// optimal transport (Pitié, Kokaram and Dahyot, "N-dimensional probability density function transfer", ICCV 2005:
/// rotate the colour space, match each axis's 1-D distribution by rank, repeat), and the I and Q of the result (YIQ)
/// are kept;</item>
/// <item>the luma: the content's, moved to the mean and deviation of the style region's luma by an affine map, which
/// keeps its local structure (rank matching of the luma crushes a daylight photo's detail into the few dark levels of
/// a night style).</item>
/// </list>
/// The image is then made a locally affine function of the content by a guided filter with the content as guide, which
/// removes the speckle that rank matching gives in flat, noisy areas and keeps the content's edges. Pixels in no shared
/// region keep the content's colours.
/// <para>
/// Why: it is the starting image of Deep Photo Style Transfer's optimization (<see cref="PhotoOptions.StartFromColorTransfer"/>).
/// Starting from the content, a region that must change its colours entirely (a green field under a winter style) gets
/// only as far as the iterations carry it, while the photorealism and content terms pull back; starting from the
/// recoloured content the colours are in place before the first step, and the iterations go to texture and detail.
/// </para>
/// </summary>
public static class RegionColorTransfer
{
    /// <summary>Rotations of the colour space; Pitié et al. report convergence within about 10–20 in 3-D.</summary>
    public const int DefaultIterations = 16;

    /// <summary>The guided filter's radius in pixels and regularizer (colours in [0,1]).</summary>
    public const int SmoothRadius = 4;

    public const double SmoothEpsilon = 1e-3;

    /// <summary>
    /// <paramref name="content"/> [1,3,H,W] and <paramref name="style"/> [1,3,h,w] in [0,1]; <paramref name="regions"/>
    /// null for the whole image against the whole style. Returns [1,3,H,W] in [0,1]; deterministic for a seed.
    /// </summary>
    public static Tensor Apply(Tensor content, Tensor style, RegionMasks? regions, int iterations = DefaultIterations, int seed = QualityMetrics.DefaultSeed)
    {
        if (iterations < 1) throw new ArgumentOutOfRangeException(nameof(iterations), iterations, "must be at least 1");
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        long h = content.shape[2], w = content.shape[3];
        var contentColors = content[0].reshape(3, -1).t().to(ScalarType.Float32);
        var styleColors = style[0].reshape(3, -1).t().to(ScalarType.Float32);
        var recoloured = contentColors.clone();
        var pairs = regions is null
            ? [(ones(h * w, dtype: ScalarType.Bool, device: content.device), ones(styleColors.shape[0], dtype: ScalarType.Bool, device: content.device))]
            : regions.At(h, w, style.shape[2], style.shape[3]).Select(r => (r.Content.flatten().ge(0.5), r.Style.flatten().ge(0.5))).ToList();
        foreach (var (inContent, inStyle) in pairs)
        {
            var indices = inContent.nonzero().squeeze(1);
            var target = styleColors.index_select(0, inStyle.nonzero().squeeze(1));
            if (indices.shape[0] == 0 || target.shape[0] == 0) continue;
            var source = contentColors.index_select(0, indices);
            recoloured.index_copy_(0, indices, WithAffineLuma(Transport(source, target, iterations, seed), source, target));
        }
        var image = recoloured.t().reshape(1, 3, h, w).clamp(0, 1);
        return GuidedFilter.Apply(image, content, SmoothRadius, SmoothEpsilon).clamp(0, 1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// <paramref name="moved"/>'s chroma (I and Q of YIQ) with the luma of <paramref name="source"/> moved to the mean and
    /// deviation of <paramref name="target"/>'s: an affine map of the content's luma keeps its local structure.
    /// </summary>
    static Tensor WithAffineLuma(Tensor moved, Tensor source, Tensor target)
    {
        static Tensor Yiq(Tensor colors) => ColorPreservation.ToYiq(colors.t().unsqueeze(0).unsqueeze(-1))[0, .., .., 0].t();
        var (ys, yt) = (Yiq(source)[.., 0], Yiq(target)[.., 0]);
        var luma = ys.sub(ys.mean()).div(ys.std().clamp_min(1e-6)).mul(yt.std()).add(yt.mean());
        var yiq = Yiq(moved);
        yiq[.., 0] = luma;
        return ColorPreservation.ToRgb(yiq.t().unsqueeze(0).unsqueeze(-1))[0, .., .., 0].t();
    }

    /// <summary>Iterative sliced transport of the colours <paramref name="source"/> [N,3] onto <paramref name="target"/> [M,3].</summary>
    internal static Tensor Transport(Tensor source, Tensor target, int iterations, int seed)
    {
        using var scope = NewDisposeScope();
        long n = source.shape[0];
        var x = source.clone();
        for (int i = 0; i < iterations; i++)
        {
            var basis = QualityMetrics.RandomDirections(3, 3, seed + i).to(ScalarType.Float32).to(source.device); // [3,3]
            var projected = x.matmul(basis); // [N,3]
            var wanted = SlicedWassersteinColorTerm.Quantiles(target.matmul(basis).sort(0).Values, n); // [N,3], each column sorted
            // Along each axis the k-th smallest point gets the target's k-th quantile.
            var moved = zeros_like(projected).scatter_(0, projected.argsort(0), wanted);
            x = x + (moved - projected).matmul(basis.t());
        }
        return x.MoveToOuterDisposeScope();
    }
}
