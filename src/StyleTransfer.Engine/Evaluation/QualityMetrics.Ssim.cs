using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace StyleTransfer.Engine.Evaluation;

public static partial class QualityMetrics
{
    /// <summary>Rec. 601 luma (the Y of YIQ) of RGB images [N,3,H,W] → [N,1,H,W].</summary>
    public static Tensor Luma(Tensor rgb)
    {
        if (rgb.dim() != 4 || rgb.shape[1] != 3)
            throw new ArgumentException($"expected RGB images [N,3,H,W]; got [{string.Join(",", rgb.shape)}]", nameof(rgb));
        using var weights = tensor(new[] { 0.299f, 0.587f, 0.114f }, [1, 3, 1, 1], device: rgb.device).to_type(rgb.dtype);
        return rgb.mul(weights).sum(1, keepdim: true);
    }

    /// <summary>
    /// Mean SSIM (Wang et al. 2004) of two images of the same shape ([H,W], [C,H,W] or [N,C,H,W], values in [0,1]):
    /// Gaussian window 11×11 with σ = 1.5, K1 = 0.01, K2 = 0.03, data range 1, averaged over the valid window
    /// positions of every channel. Images smaller than 11 px use the largest odd window that fits.
    /// </summary>
    public static double Ssim(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape))
            throw new ArgumentException($"SSIM needs images of the same shape; got [{string.Join(",", a.shape)}] and [{string.Join(",", b.shape)}]");
        if (a.dim() is < 2 or > 4)
            throw new ArgumentException($"SSIM expects [H,W], [C,H,W] or [N,C,H,W]; got [{string.Join(",", a.shape)}]", nameof(a));
        using var scope = NewDisposeScope();
        long h = a.shape[^2], w = a.shape[^1];
        var x = a.detach().to_type(ScalarType.Float32).reshape(-1, 1, h, w);
        var y = b.detach().to_type(ScalarType.Float32).reshape(-1, 1, h, w);

        int size = (int)Math.Min(11, Math.Min(h, w));
        if (size % 2 == 0) size--;
        var g = GaussianWindow(size, 1.5, x.device);
        // The Gaussian window is separable: a row pass then a column pass ("valid" positions only).
        Tensor Blur(Tensor t) => F.conv2d(F.conv2d(t, g.reshape(1, 1, 1, size)), g.reshape(1, 1, size, 1));

        const float c1 = 0.01f * 0.01f, c2 = 0.03f * 0.03f;
        var muX = Blur(x);
        var muY = Blur(y);
        // (Co)variances from values centred on the image means: less float32 cancellation in E[x²] − μ².
        var xc = x - x.mean([2, 3], keepdim: true);
        var yc = y - y.mean([2, 3], keepdim: true);
        var muXc = Blur(xc);
        var muYc = Blur(yc);
        var sxx = Blur(xc * xc) - muXc * muXc;
        var syy = Blur(yc * yc) - muYc * muYc;
        var sxy = Blur(xc * yc) - muXc * muYc;
        var map = (2 * muX * muY + c1) * (2 * sxy + c2) / ((muX * muX + muY * muY + c1) * (sxx + syy + c2));
        return map.to_type(ScalarType.Float64).mean().ToDouble();
    }

    /// <summary>Normalized 1-D Gaussian [size].</summary>
    static Tensor GaussianWindow(int size, double sigma, Device device)
    {
        var g = new float[size];
        for (int i = 0; i < size; i++)
        {
            double d = i - (size - 1) / 2.0;
            g[i] = (float)Math.Exp(-d * d / (2 * sigma * sigma));
        }
        float sum = g.Sum();
        return tensor(g.Select(v => v / sum).ToArray(), device: device);
    }
}
