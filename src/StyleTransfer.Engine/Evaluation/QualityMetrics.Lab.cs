using static TorchSharp.torch;

namespace StyleTransfer.Engine.Evaluation;

public static partial class QualityMetrics
{
    // sRGB primaries → CIE XYZ, D65 white (IEC 61966-2-1); the white point is the sum of each row.
    static readonly double[,] RgbToXyz =
    {
        { 0.4124564, 0.3575761, 0.1804375 },
        { 0.2126729, 0.7151522, 0.0721750 },
        { 0.0193339, 0.1191920, 0.9503041 },
    };

    /// <summary>
    /// sRGB in [0,1] → CIELAB (D65): L in [0,100], a and b roughly in [-128,127]. Channels are the last dimension
    /// (e.g. pixel lists [N,3]), except for 4-D input, which is read as images [N,3,H,W] and returned as such.
    /// The result has the input's dtype (float64 gives reference-exact values).
    /// </summary>
    public static Tensor RgbToLab(Tensor rgb)
    {
        bool image = rgb.dim() == 4;
        long channels = image ? rgb.shape[1] : rgb.shape[^1];
        if (channels != 3 || rgb.dim() < 1)
            throw new ArgumentException($"RgbToLab expects 3 channels (last dimension, or [N,3,H,W]); got [{string.Join(",", rgb.shape)}]", nameof(rgb));
        using var scope = NewDisposeScope();
        var dtype = rgb.dtype;
        var c = (image ? rgb.permute(0, 2, 3, 1) : rgb).to_type(ScalarType.Float64).clamp(0, 1);
        var linear = where(c.le(0.04045), c / 12.92, ((c + 0.055) / 1.055).pow(2.4));
        var m = tensor(RgbToXyz, device: rgb.device);
        var white = m.sum(1);
        var xyz = linear.matmul(m.t()) / white;

        const double delta = 6.0 / 29.0;
        var f = where(xyz.gt(delta * delta * delta), xyz.pow(1.0 / 3.0), xyz / (3 * delta * delta) + 4.0 / 29.0);
        var fx = f.select(-1, 0);
        var fy = f.select(-1, 1);
        var fz = f.select(-1, 2);
        var lab = stack([116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)], -1).to_type(dtype);
        return (image ? lab.permute(0, 3, 1, 2).contiguous() : lab).MoveToOuterDisposeScope();
    }
}
