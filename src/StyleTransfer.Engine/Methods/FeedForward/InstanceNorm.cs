using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// Instance normalization (Ulyanov et al. 2016) with a learned per-channel scale and shift, in plain tensor ops
/// (the statistics of <see cref="AdaIn.Moments"/>). While tracking down the non-determinism that turned out to be
/// oneDNN's (<see cref="OneDnnWorkaround"/>), TorchSharp's InstanceNorm2d was one of the layers whose gradients
/// varied between runs; this form is exact under the workaround and costs nothing.
/// </summary>
public sealed class InstanceNorm : Module<Tensor, Tensor>
{
    readonly Parameter weight;
    readonly Parameter bias;

    public InstanceNorm(long channels) : base(nameof(InstanceNorm))
    {
        weight = new Parameter(ones(1, channels, 1, 1));
        bias = new Parameter(zeros(1, channels, 1, 1));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var (mean, std) = AdaIn.Moments(x);
        return x.sub(mean).div(std).mul(weight).add(bias).MoveToOuterDisposeScope();
    }
}
