using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.Strotss;

/// <summary>
/// ℓ_m = (1/d)‖μ_X − μ_S‖₁ + (1/d²)‖Σ_X − Σ_S‖₁ (Kolkin et al. 2019, eq. 5): keeps the magnitudes of the features in
/// line with the style's, which the cosine cost of the relaxed EMD ignores.
/// </summary>
public static class MomentMatching
{
    /// <summary>x [n,d] and s [m,d].</summary>
    public static Tensor Loss(Tensor x, Tensor s)
    {
        using var scope = NewDisposeScope();
        var (muX, sigmaX) = Moments(x);
        var (muS, sigmaS) = Moments(s);
        var loss = (muX - muS).abs().mean() + (sigmaX - sigmaS).abs().mean();
        return loss.MoveToOuterDisposeScope();
    }

    static (Tensor Mean, Tensor Covariance) Moments(Tensor f)
    {
        var mean = f.mean([0], keepdim: true);
        var centred = f - mean;
        return (mean, centred.t().matmul(centred).div(f.shape[0]));
    }
}
