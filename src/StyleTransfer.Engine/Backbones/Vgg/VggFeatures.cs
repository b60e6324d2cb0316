using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace StyleTransfer.Engine.Backbones.Vgg;

/// <summary>
/// torchvision's <c>VGG.features</c>: 3x3 convolutions (padding 1) each followed by ReLU, blocks separated by 2x2 max
/// pools, registered under the same indices so that the state-dict keys are <c>features.{index}.weight|bias</c>.
/// </summary>
sealed class VggFeatures : Module
{
    /// <summary>One entry of <c>features</c>: its index, kind and, for ReLUs, the conventional layer name (relu{block}_{n}).</summary>
    public sealed record Layer(int Index, string Kind, string? Name, int InChannels, int OutChannels);

    // The field name is the state-dict prefix.
    readonly Sequential features;

    public VggFeatures(VggVariant variant) : base(variant.ToString().ToLowerInvariant())
    {
        Layers = Plan(variant);
        var modules = new List<(string, Module<Tensor, Tensor>)>();
        foreach (var l in Layers)
        {
            Module<Tensor, Tensor> m = l.Kind switch
            {
                "conv" => Conv2d(l.InChannels, l.OutChannels, 3, padding: 1),
                "relu" => ReLU(),
                _ => MaxPool2d(2, 2),
            };
            modules.Add((l.Index.ToString(), m));
        }
        features = Sequential(modules.ToArray());
        Modules = modules.Select(m => m.Item2).ToArray();
        RegisterComponents();
    }

    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>The modules of <c>features</c> by index.</summary>
    public IReadOnlyList<Module<Tensor, Tensor>> Modules { get; }

    static List<Layer> Plan(VggVariant variant)
    {
        int convsPerLate = variant == VggVariant.Vgg19 ? 4 : 3;
        int[] widths = [64, 128, 256, 512, 512];
        int[] convs = [2, 2, convsPerLate, convsPerLate, convsPerLate];
        var layers = new List<Layer>();
        int index = 0, channels = 3;
        for (int b = 0; b < 5; b++)
        {
            for (int n = 1; n <= convs[b]; n++)
            {
                layers.Add(new Layer(index++, "conv", null, channels, widths[b]));
                layers.Add(new Layer(index++, "relu", $"relu{b + 1}_{n}", widths[b], widths[b]));
                channels = widths[b];
            }
            layers.Add(new Layer(index++, "pool", null, channels, channels));
        }
        return layers;
    }
}
