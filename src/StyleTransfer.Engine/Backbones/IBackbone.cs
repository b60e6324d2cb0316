using TorchSharp;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Backbones;

/// <summary>A pretrained CNN that exposes intermediate activations for the losses of style transfer.</summary>
public interface IBackbone : IDisposable
{
    /// <summary>e.g. "resnet18", "vgg19".</summary>
    string Name { get; }

    Device Device { get; }

    /// <summary>Names of the layers that <see cref="Extract"/> can return, in forward order.</summary>
    IReadOnlyList<string> LayerNames { get; }

    IReadOnlyList<string> DefaultContentLayers { get; }

    IReadOnlyList<string> DefaultStyleLayers { get; }

    /// <summary>
    /// Runs the network on <paramref name="rgb"/> (shape [N,3,H,W], RGB in [0,1], on <see cref="Device"/>) and
    /// returns the activations of the requested layers. The network's own preprocessing is applied inside; the
    /// result is differentiable with respect to the input. Stops after the deepest requested layer.
    /// </summary>
    IReadOnlyDictionary<string, Tensor> Extract(Tensor rgb, IReadOnlyCollection<string> layers);

    /// <summary>Multiply-add FLOPs (2 per MAC) of one forward pass up to and including <paramref name="deepestLayer"/>.</summary>
    double ForwardFlops(int height, int width, string deepestLayer);
}
