using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// Nearest-neighbour ×2 upsampling followed by a convolution; unlike a transposed convolution its kernel covers every
/// output pixel equally, so it leaves no checkerboard artefacts (Odena et al., Distill 2016).
/// </summary>
public sealed class UpsampleConv : Module<Tensor, Tensor>
{
    readonly ReflectConv conv;

    public UpsampleConv(long inChannels, long outChannels, long kernel = 3) : base(nameof(UpsampleConv))
    {
        conv = new ReflectConv(inChannels, outChannels, kernel);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var up = Upsample2x(x);
        return conv.forward(up);
    }

    /// <summary>Nearest-neighbour ×2 (by output size, so odd intermediate sizes stay exact).</summary>
    public static Tensor Upsample2x(Tensor x) =>
        functional.interpolate(x, size: [x.shape[2] * 2, x.shape[3] * 2], mode: InterpolationMode.Nearest);
}
