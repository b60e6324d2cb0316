using TorchSharp;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Imaging;

/// <summary>
/// The 3×3 binomial low-pass [1,2,1]ᵀ[1,2,1]/16 per channel, reflect padding. Its response is exactly zero at the
/// Nyquist frequency along either axis, so it removes one-pixel checkerboards and stripes entirely.
/// </summary>
public static class BinomialBlur
{
    /// <summary>[N,C,H,W] (H, W ≥ 2) filtered channel by channel, same shape; differentiable.</summary>
    public static Tensor Apply(Tensor image)
    {
        using var scope = NewDisposeScope();
        long channels = image.shape[1];
        var taps = tensor(new[] { 1.0, 2.0, 1.0 }, dtype: image.dtype, device: image.device);
        var kernel = taps.outer(taps).div(16).expand(channels, 1, 3, 3).contiguous();
        var padded = nn.functional.pad(image, [1, 1, 1, 1], PaddingModes.Reflect);
        return nn.functional.conv2d(padded, kernel, groups: channels).MoveToOuterDisposeScope();
    }
}
