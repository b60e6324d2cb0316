using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.Photo;

/// <summary>
/// Photorealism regularization of Luan et al. (CVPR 2017): λ · Σ_c V_c[O]ᵀ M V_c[O] / N over the three colour
/// channels of the output O, with M the matting Laplacian of the content and N = H·W. It is zero exactly when each
/// channel of the output is a locally affine function of the content's colours, so it penalizes distortions that
/// an affine colour transform cannot explain, and lets colours change freely.
/// <para>
/// Normalization: dividing by N makes the term a per-pixel mean, independent of the resolution like the engine's
/// relative content and style losses. At 256 px a stylized (stage 1) output has Σ_c VᵀMV / N of order 1e-4 to
/// 1e-3, so λ = 1e4 (the paper's value) gives a term of order 1 to 10, comparable with the weighted style loss
/// (style weight 100 × relative loss of order 0.01 to 0.1) — the balance the paper reports for λ = 1e4.
/// </para>
/// The gradient is 2λ/N · M·V_c (M is symmetric); <see cref="Compute"/> is differentiable through the
/// matrix-free product, and <see cref="Gradient"/> gives the analytic value.
/// </summary>
public sealed class PhotorealismLoss(MattingLaplacian laplacian, double lambda)
{
    public MattingLaplacian Laplacian { get; } = laplacian;

    public double Lambda { get; } = lambda;

    /// <summary>The loss of <paramref name="image"/> ([1,3,H,W] at the Laplacian's size), a differentiable scalar.</summary>
    public Tensor Compute(Tensor image)
    {
        using var form = Laplacian.QuadraticForm(image);
        return form.mul(Lambda / Laplacian.Pixels);
    }

    /// <summary>The analytic gradient 2λ/N · M·V of <see cref="Compute"/> with respect to <paramref name="image"/>.</summary>
    public Tensor Gradient(Tensor image)
    {
        using var _ = no_grad();
        using var product = Laplacian.Multiply(image);
        return product.mul(2 * Lambda / Laplacian.Pixels);
    }
}
