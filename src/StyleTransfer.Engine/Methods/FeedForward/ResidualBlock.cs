using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>Johnson et al.'s residual block: conv–norm–ReLU–conv–norm plus the input (same channels, same size).</summary>
public sealed class ResidualBlock : Module<Tensor, Tensor>
{
    readonly ReflectConv conv1, conv2;
    readonly Module<Tensor, Tensor> norm1, norm2;

    public ResidualBlock(long channels) : base(nameof(ResidualBlock))
    {
        conv1 = new ReflectConv(channels, channels, 3);
        norm1 = new InstanceNorm(channels);
        conv2 = new ReflectConv(channels, channels, 3);
        norm2 = new InstanceNorm(channels);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = functional.relu(norm1.forward(conv1.forward(x)));
        y = norm2.forward(conv2.forward(y));
        return (y + x).MoveToOuterDisposeScope();
    }
}
