using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// The image transform network of Johnson et al. (ECCV 2016, "Perceptual Losses for Real-Time Style Transfer"):
/// 9×9 conv, two stride-2 convs, residual blocks, two nearest-upsample convs, 9×9 conv to RGB; instance norm
/// (Ulyanov et al.) after every conv but the last, reflection padding throughout. Input and output are RGB in [0,1]
/// ([N,3,H,W]); the output is not clamped (the training loss sees the raw values; <see cref="FastStyleModel"/> clamps).
/// </summary>
public sealed class TransformNet : Module<Tensor, Tensor>
{
    readonly TorchSharp.Modules.Sequential body;

    public TransformNetArchitecture Architecture { get; }

    public TransformNet(TransformNetArchitecture architecture) : base(nameof(TransformNet))
    {
        architecture.Validate();
        Architecture = architecture;
        var (w1, w2, w3) = (architecture.Width1, architecture.Width2, architecture.Width3);
        var layers = new List<(string, Module<Tensor, Tensor>)>
        {
            ("in_conv", new ReflectConv(3, w1, 9)), ("in_norm", new InstanceNorm(w1)), ("in_relu", ReLU()),
            ("down1", new ReflectConv(w1, w2, 3, stride: 2)), ("down1_norm", new InstanceNorm(w2)), ("down1_relu", ReLU()),
            ("down2", new ReflectConv(w2, w3, 3, stride: 2)), ("down2_norm", new InstanceNorm(w3)), ("down2_relu", ReLU()),
        };
        for (int i = 0; i < architecture.ResidualBlocks; i++) layers.Add(($"res{i + 1}", new ResidualBlock(w3)));
        layers.AddRange([
            ("up1", new UpsampleConv(w3, w2)), ("up1_norm", new InstanceNorm(w2)), ("up1_relu", ReLU()),
            ("up2", new UpsampleConv(w2, w1)), ("up2_norm", new InstanceNorm(w1)), ("up2_relu", ReLU()),
            ("out_conv", new ReflectConv(w1, 3, 9)),
        ]);
        body = Sequential(layers);
        RegisterComponents();
    }

    /// <summary>Any size works: odd sizes come back one pixel larger from the stride-2 path and are cropped.</summary>
    public override Tensor forward(Tensor x)
    {
        long h = x.shape[2], w = x.shape[3];
        var y = body.forward(x);
        if (y.shape[2] == h && y.shape[3] == w) return y;
        using (y) return y[.., .., ..(int)h, ..(int)w].contiguous();
    }
}
