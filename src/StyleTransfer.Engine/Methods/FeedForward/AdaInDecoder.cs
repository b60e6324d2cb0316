using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// The AdaIN decoder: mirrors the encoder from its cut layer back to RGB. Each stage is 3×3 convolutions with ReLU
/// (the first changes the channels) then a nearest ×2 upsampling; a last 3×3 conv gives RGB. Reflection padding,
/// no normalization (as in the paper: normalization would wash out the style statistics AdaIN just set).
/// </summary>
public sealed class AdaInDecoder : Module<Tensor, Tensor>
{
    readonly TorchSharp.Modules.Sequential body;

    public AdaInArchitecture Architecture { get; }

    public AdaInDecoder(AdaInArchitecture architecture) : base(nameof(AdaInDecoder))
    {
        architecture.Validate();
        Architecture = architecture;
        var layers = new List<(string, Module<Tensor, Tensor>)>();
        long channels = architecture.InputChannels;
        for (int s = 0; s < architecture.Widths.Count; s++)
        {
            long width = architecture.Widths[s];
            for (int c = 0; c < architecture.ConvsPerStage; c++)
            {
                layers.Add(($"stage{s + 1}_conv{c + 1}", new ReflectConv(channels, width, 3)));
                layers.Add(($"stage{s + 1}_relu{c + 1}", ReLU()));
                channels = width;
            }
            layers.Add(($"stage{s + 1}_up", new Upsample2x()));
        }
        layers.Add(("out_conv", new ReflectConv(channels, 3, 3)));
        body = Sequential(layers);
        RegisterComponents();
    }

    /// <summary>Decodes [N,C,h,w] features to [N,3,h·2^k,w·2^k] RGB (not clamped).</summary>
    public override Tensor forward(Tensor features) => body.forward(features);
}

/// <summary>Nearest ×2 upsampling as a module (see <see cref="UpsampleConv.Upsample2x"/> for why not nn.Upsample).</summary>
public sealed class Upsample2x() : Module<Tensor, Tensor>(nameof(Upsample2x))
{
    public override Tensor forward(Tensor x) => UpsampleConv.Upsample2x(x);
}
