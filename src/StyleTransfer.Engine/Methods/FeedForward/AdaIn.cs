using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// Adaptive instance normalization (Huang &amp; Belongie, ICCV 2017): content features normalized per sample and
/// channel, then given the style's per-channel mean and standard deviation:
/// AdaIN(x, y) = σ(y)·(x − μ(x))/σ(x) + μ(y), statistics over the spatial positions.
/// </summary>
public static class AdaIn
{
    /// <summary>Added to the variance before the square root so flat channels do not divide by zero.</summary>
    public const double Epsilon = 1e-5;

    /// <summary>Per-sample, per-channel mean and standard deviation of [N,C,H,W] features, each [N,C,1,1].</summary>
    public static (Tensor Mean, Tensor Std) Moments(Tensor features)
    {
        var mean = features.mean([2L, 3L], keepdim: true);
        using var variance = features.var([2L, 3L], unbiased: false, keepdim: true);
        return (mean, variance.add(Epsilon).sqrt());
    }

    /// <summary>AdaIN of <paramref name="content"/> [N,C,H,W] with the style moments ([N,C,1,1] or [1,C,1,1]).</summary>
    public static Tensor Apply(Tensor content, Tensor styleMean, Tensor styleStd)
    {
        using var scope = NewDisposeScope();
        var (mean, std) = Moments(content);
        return content.sub(mean).div(std).mul(styleStd).add(styleMean).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The decoder's input at strength <paramref name="alpha"/>: α·AdaIN(x, y) + (1 − α)·x, so α = 0 gives the
    /// content features back and α = 1 the full transfer.
    /// </summary>
    public static Tensor Blend(Tensor content, Tensor styleMean, Tensor styleStd, double alpha)
    {
        if (!(alpha is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in [0,1]");
        if (alpha == 0) return content.clone();
        using var target = Apply(content, styleMean, styleStd);
        if (alpha == 1) return target.clone();
        return target.mul(alpha).add(content.mul(1 - alpha));
    }
}
