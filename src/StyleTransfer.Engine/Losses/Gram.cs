using static TorchSharp.torch;

namespace StyleTransfer.Engine.Losses;

/// <summary>Gram matrix of feature maps: G = F Fᵀ / (C·H·W) for F of shape [C, H·W] (batch 1).</summary>
public static class Gram
{
    public static Tensor Of(Tensor features)
    {
        long c = features.shape[1], n = features.shape[2] * features.shape[3];
        using var f = features.reshape(c, n);
        return f.matmul(f.t()).div_(c * n);
    }

    /// <summary>Gram of the features under a soft mask [H,W] (values in [0,1]), normalized by C·Σmask.</summary>
    public static Tensor OfMasked(Tensor features, Tensor mask)
    {
        long c = features.shape[1], n = features.shape[2] * features.shape[3];
        using var f = features.reshape(c, n);
        using var m = mask.reshape(1, n);
        using var fm = f.mul(m);
        using var area = m.sum().clamp_min(1e-8f).mul(c);
        return fm.matmul(f.t()).div_(area);
    }
}
