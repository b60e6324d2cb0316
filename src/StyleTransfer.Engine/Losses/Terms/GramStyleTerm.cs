using static TorchSharp.torch;

namespace StyleTransfer.Engine.Losses.Terms;

/// <summary>
/// Gram style loss at one layer (<see cref="StyleLoss"/>): against a blend of style images, or per semantic region.
/// On the <see cref="FeatureLayers.Pixels"/> layer it matches the colour moments.
/// </summary>
public sealed class GramStyleTerm(string layer, StyleLoss loss) : ILossTerm
{
    public IReadOnlyCollection<string> Layers { get; } = [layer];

    public Tensor Compute(LossInput input) => loss.Compute(input.Features[layer]);

    public void Dispose() => loss.Dispose();
}
