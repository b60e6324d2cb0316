using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// Reflection padding then a convolution: no zero borders for the network to paint dark frames from. The padding is
/// built from flipped slices: TorchSharp 0.107's ReflectionPad2d (libtorch's reflection_pad2d) returned NaN input
/// gradients in about one process in three here on CPU, even with <see cref="OneDnnWorkaround"/> applied.
/// </summary>
public sealed class ReflectConv : Module<Tensor, Tensor>
{
    readonly long pad;
    readonly Module<Tensor, Tensor> conv;

    public ReflectConv(long inChannels, long outChannels, long kernel, long stride = 1) : base(nameof(ReflectConv))
    {
        pad = kernel / 2;
        conv = Conv2d(inChannels, outChannels, kernel, stride: stride);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var padded = Reflect(x, pad);
        return conv.forward(padded);
    }

    /// <summary>Reflection padding of <paramref name="p"/> pixels on each side (numpy's "reflect": the edge is not repeated).</summary>
    public static Tensor Reflect(Tensor x, long p)
    {
        if (p == 0) return x.alias();
        long h = x.shape[2], w = x.shape[3];
        if (p >= h || p >= w) throw new ArgumentException($"reflection padding {p} needs images larger than {p} px, got {h}x{w}");
        using var scope = NewDisposeScope();
        var rows = cat([x[.., .., 1..(int)(p + 1), ..].flip(2), x, x[.., .., (int)(h - p - 1)..(int)(h - 1), ..].flip(2)], 2);
        return cat([rows[.., .., .., 1..(int)(p + 1)].flip(3), rows, rows[.., .., .., (int)(w - p - 1)..(int)(w - 1)].flip(3)], 3)
            .MoveToOuterDisposeScope();
    }
}
