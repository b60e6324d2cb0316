using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.Photo;

/// <summary>
/// Colour guided filter of He, Sun and Tang (ECCV 2010 / TPAMI 2013): each channel of the input is replaced by
/// an affine function of the guide's colours, fitted by ridge regression in every (2r+1)² window and averaged
/// over the windows covering a pixel. With the content as guide, the output keeps the content's edges and fine
/// structure and takes its colours from the input — the same locally affine colour model as the matting Laplacian,
/// applied as a fast edge-aware post-filter.
/// </summary>
public static class GuidedFilter
{
    /// <param name="input">[1,C,H,W], the image to filter.</param>
    /// <param name="guide">[1,3,H,W], RGB in [0,1].</param>
    /// <param name="radius">window radius r in pixels (windows are (2r+1)²).</param>
    /// <param name="epsilon">ridge regularizer (on [0,1] colours): larger values smooth across weaker edges.</param>
    public static Tensor Apply(Tensor input, Tensor guide, int radius, double epsilon)
    {
        if (input.dim() != 4 || input.shape[0] != 1)
            throw new ArgumentException($"the guided filter needs an input [1,C,H,W], got [{string.Join(",", input.shape)}]");
        if (guide.dim() != 4 || guide.shape[0] != 1 || guide.shape[1] != 3 || guide.shape[2] != input.shape[2] || guide.shape[3] != input.shape[3])
            throw new ArgumentException($"the guided filter needs an RGB guide [1,3,{input.shape[2]},{input.shape[3]}], got [{string.Join(",", guide.shape)}]");
        if (radius < 1) throw new ArgumentException($"guided filter radius {radius} must be >= 1");
        if (!double.IsFinite(epsilon) || epsilon <= 0) throw new ArgumentException($"guided filter epsilon {epsilon} must be finite and > 0");

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var dtype = input.dtype;
        long h = input.shape[2], w = input.shape[3], c = input.shape[1];
        int r = (int)Math.Min(radius, Math.Max(1, Math.Min(h, w) / 2 - 1));
        Tensor Box(Tensor t) => nn.functional.avg_pool2d(t, 2 * r + 1, stride: 1, padding: r, count_include_pad: false);

        var g = guide.to(ScalarType.Float64);
        var p = input.to(ScalarType.Float64);
        var meanG = Box(g);                                            // [1,3,H,W]
        var meanP = Box(p);                                            // [1,C,H,W]
        // Guide covariance per pixel: [H·W,3,3]; guide–input covariance: [H·W,3,C].
        var gg = (g.unsqueeze(2) * g.unsqueeze(1)).reshape(1, 9, h, w);
        var covG = Box(gg) - (meanG.unsqueeze(2) * meanG.unsqueeze(1)).reshape(1, 9, h, w);
        var gp = (g.unsqueeze(2) * p.unsqueeze(1)).reshape(1, 3 * c, h, w);
        var covGP = Box(gp) - (meanG.unsqueeze(2) * meanP.unsqueeze(1)).reshape(1, 3 * c, h, w);
        var sigma = covG.reshape(3, 3, h * w).permute(2, 0, 1) + eye(3, dtype: ScalarType.Float64, device: input.device).mul(epsilon);
        var rhs = covGP.reshape(3, c, h * w).permute(2, 0, 1);
        var a = linalg.solve(sigma, rhs);                              // [H·W,3,C]
        var aImage = a.permute(1, 2, 0).reshape(1, 3 * c, h, w);
        var b = meanP - (a * meanG.reshape(3, h * w).t().unsqueeze(2)).sum(1).t().reshape(1, c, h, w);
        var meanA = Box(aImage).reshape(1, 3, c, h, w);
        var meanB = Box(b);
        var q = (meanA * g.unsqueeze(2)).sum(1) + meanB;
        return q.to(dtype).MoveToOuterDisposeScope();
    }
}
