using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace StyleTransfer.Engine.Methods.Strotss;

/// <summary>
/// Laplacian pyramid of an image: band-pass levels (finest first) and a low-pass residual last. STROTSS optimizes
/// the levels instead of the pixels, which lets coarse structure move quickly. Collapse inverts Build exactly.
/// </summary>
public static class LaplacianPyramid
{
    /// <summary>Returns <paramref name="levels"/> band-pass tensors followed by the residual ([N,C,h,w] each).</summary>
    public static Tensor[] Build(Tensor image, int levels)
    {
        var pyramid = new Tensor[levels + 1];
        var current = image.alias();
        for (int i = 0; i < levels; i++)
        {
            long h = current.shape[2], w = current.shape[3];
            var smaller = F.interpolate(current, [Math.Max(h / 2, 1), Math.Max(w / 2, 1)], mode: InterpolationMode.Bilinear, align_corners: false);
            using var back = F.interpolate(smaller, [h, w], mode: InterpolationMode.Bilinear, align_corners: false);
            pyramid[i] = current.sub(back);
            current.Dispose();
            current = smaller;
        }
        pyramid[levels] = current;
        return pyramid;
    }

    public static Tensor Collapse(IReadOnlyList<Tensor> pyramid)
    {
        var current = pyramid[^1].alias();
        for (int i = pyramid.Count - 2; i >= 0; i--)
        {
            using var up = F.interpolate(current, [pyramid[i].shape[2], pyramid[i].shape[3]], mode: InterpolationMode.Bilinear, align_corners: false);
            current.Dispose();
            current = pyramid[i].add(up);
        }
        return current;
    }
}
