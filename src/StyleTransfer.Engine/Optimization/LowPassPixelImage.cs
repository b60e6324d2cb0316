using StyleTransfer.Engine.Imaging;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Optimization;

/// <summary>
/// The image as its starting pixels plus a change that passes through <see cref="BinomialBlur"/>: image = base + B·δ,
/// with δ optimized. The gradient reaching δ is Bᵀ of the image's, so no step can add a one-pixel checkerboard, the
/// pattern a stride-2 layer's gradient prints (the ResNet-18's 7×7 stem), while the loss still sees the image itself.
/// A preconditioned parameterization in the spirit of those used against high-frequency artefacts in feature
/// visualization (Olah et al., Distill 2017). Pixels are kept in [0,1] by moving the clamped excess into the base.
/// </summary>
public sealed class LowPassPixelImage : IImageParameterization
{
    readonly Tensor _base;
    readonly Parameter _change;

    public LowPassPixelImage(Tensor start)
    {
        _base = start.detach().clamp(0, 1).contiguous().clone().DetachFromDisposeScope();
        _change = new Parameter(zeros_like(_base), requires_grad: true);
    }

    public IReadOnlyList<Parameter> Parameters => [_change];

    public Tensor Image() => _base + BinomialBlur.Apply(_change);

    public void AfterStep()
    {
        using var _ = no_grad();
        using var image = Image();
        using var clamped = image.clamp(0, 1);
        using var excess = image - clamped;
        _base.sub_(excess);
    }

    /// <summary>The image becomes the base and the change zero: the change may be what blew up (not finite).</summary>
    public void Restore(Tensor image)
    {
        using var _ = no_grad();
        _base.copy_(image);
        _change.zero_();
    }

    public void Dispose()
    {
        _change.Dispose();
        _base.Dispose();
    }
}
