using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Optimization;

/// <summary>The image's pixels themselves, kept in [0,1] after every step.</summary>
public sealed class PixelImage : IImageParameterization
{
    readonly Parameter _pixels;

    public PixelImage(Tensor start) => _pixels = new Parameter(start.detach().clamp(0, 1).contiguous(), requires_grad: true);

    public IReadOnlyList<Parameter> Parameters => [_pixels];

    public Tensor Image() => _pixels;

    public void AfterStep()
    {
        using (no_grad()) _pixels.clamp_(0, 1);
    }

    public void Restore(Tensor image)
    {
        using (no_grad()) _pixels.copy_(image);
    }

    public void Dispose() => _pixels.Dispose();
}
