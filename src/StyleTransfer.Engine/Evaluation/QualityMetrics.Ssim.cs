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
        var x = a.detach().to_type(ScalarType.Float64).reshape(-1, 1, h, w);
        var y = b.detach().to_type(ScalarType.Float64).reshape(-1, 1, h, w);

        int size = (int)Math.Min(11, Math.Min(h, w));
        if (size % 2 == 0) size--;
        var window = GaussianWindow(size, 1.5, x.device);

        const double c1 = 0.01 * 0.01, c2 = 0.03 * 0.03;
        var muX = F.conv2d(x, window);
        var muY = F.conv2d(y, window);
        var sxx = F.conv2d(x * x, window) - muX * muX;
        var syy = F.conv2d(y * y, window) - muY * muY;
        var sxy = F.conv2d(x * y, window) - muX * muY;
        var map = (2 * muX * muY + c1) * (2 * sxy + c2) / ((muX * muX + muY * muY + c1) * (sxx + syy + c2));
        return map.mean().ToDouble();
    }

    static Tensor GaussianWindow(int size, double sigma, Device device)
    {
        var g = new double[size];
        for (int i = 0; i < size; i++)
        {
            double d = i - (size - 1) / 2.0;
            g[i] = Math.Exp(-d * d / (2 * sigma * sigma));
        }
        double sum = g.Sum();
        var w = new double[size * size];
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++)
                w[i * size + j] = g[i] * g[j] / (sum * sum);
        return tensor(w, [1, 1, size, size], device: device);
    }
}
