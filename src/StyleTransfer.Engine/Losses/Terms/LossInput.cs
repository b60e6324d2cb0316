using static TorchSharp.torch;

namespace StyleTransfer.Engine.Losses.Terms;

/// <summary>One evaluation of an objective: the image and its features at every layer some term reads.</summary>
public sealed class LossInput(Tensor image, IReadOnlyDictionary<string, Tensor> features)
{
    public Tensor Image { get; } = image;

    public IReadOnlyDictionary<string, Tensor> Features { get; } = features;
}
