using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.Strotss;

/// <summary>The orthonormal luma/chroma basis of the reference implementation, for the colour (palette) term.</summary>
public static class Yuv
{
    static readonly float[] Basis =
    [
        0.577350f, 0.577350f, 0.577350f,
        -0.577350f, 0.788675f, -0.211325f,
        -0.577350f, -0.211325f, 0.788675f,
    ];

    /// <summary>Rows of RGB [n,3] → rows of YUV [n,3].</summary>
    public static Tensor FromRgb(Tensor rgb)
    {
        using var basis = tensor(Basis, [3, 3], dtype: rgb.dtype, device: rgb.device);
        return rgb.matmul(basis.t());
    }
}
