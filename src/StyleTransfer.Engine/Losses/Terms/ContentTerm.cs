using static TorchSharp.torch;

namespace StyleTransfer.Engine.Losses.Terms;

/// <summary>Content loss at one layer (<see cref="ContentLoss"/>): the features against the content's.</summary>
public sealed class ContentTerm(string layer, Tensor contentFeatures, Func<Tensor, Tensor>? transform = null) : ILossTerm
{
    readonly ContentLoss _loss = new(contentFeatures, transform);

    public IReadOnlyCollection<string> Layers { get; } = [layer];

    public Tensor Compute(LossInput input) => _loss.Compute(input.Features[layer]);

    public void Dispose() => _loss.Dispose();
}
