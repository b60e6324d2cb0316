using static TorchSharp.torch;

namespace StyleTransfer.Engine.Losses.Terms;

/// <summary>Total variation of the image (<see cref="TotalVariation"/>): smoothness.</summary>
public sealed class TotalVariationTerm : ILossTerm
{
    public IReadOnlyCollection<string> Layers { get; } = [];

    public Tensor Compute(LossInput input) => TotalVariation.Of(input.Image);

    public void Dispose() { }
}
