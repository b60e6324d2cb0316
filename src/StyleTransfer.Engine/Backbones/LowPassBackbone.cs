using TorchSharp;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Backbones;

/// <summary>
/// A backbone that sees its input through the binomial low-pass filter [1,2,1]ᵀ[1,2,1]/16 (reflect padding). The
/// filter's response is zero at the input's Nyquist frequency, so the gradient of a loss on the features carries no
/// period-2 pattern: through a stride-2 stem (the ResNet-18's 7×7 conv) the pixels being optimized otherwise take on a
/// fine checkerboard, aliasing of the subsampling. Blurring before subsampling is the remedy of Zhang, "Making
/// convolutional networks shift-invariant again" (ICML 2019). Does not own the inner backbone.
/// </summary>
public sealed class LowPassBackbone(IBackbone inner) : IBackbone
{
    readonly Tensor _kernel = Kernel(inner.Device);

    public string Name => inner.Name;

    public Device Device => inner.Device;

    public IReadOnlyList<string> LayerNames => inner.LayerNames;

    public IReadOnlyList<string> DefaultContentLayers => inner.DefaultContentLayers;

    public IReadOnlyList<string> DefaultStyleLayers => inner.DefaultStyleLayers;

    public IReadOnlyDictionary<string, Tensor> Extract(Tensor rgb, IReadOnlyCollection<string> layers)
    {
        using var blurred = Blur(rgb);
        return inner.Extract(blurred, layers);
    }

    /// <summary>[N,3,H,W] filtered channel by channel, same shape.</summary>
    public Tensor Blur(Tensor rgb)
    {
        using var padded = nn.functional.pad(rgb, [1, 1, 1, 1], PaddingModes.Reflect);
        using var kernel = _kernel.to(rgb.dtype);
        return nn.functional.conv2d(padded, kernel, groups: rgb.shape[1]);
    }

    public double ForwardFlops(int height, int width, string deepestLayer) => inner.ForwardFlops(height, width, deepestLayer);

    public void Dispose() => _kernel.Dispose();

    static Tensor Kernel(Device device)
    {
        using var taps = tensor(new float[] { 1, 2, 1 });
        using var outer = taps.outer(taps).div(16f);
        return outer.expand(3, 1, 3, 3).contiguous().to(device).detach().DetachFromDisposeScope();
    }
}
