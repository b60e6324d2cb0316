using StyleTransfer.Engine.Methods.Strotss;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Losses.Terms;

/// <summary>STROTSS's ℓ_r: relaxed earth mover's distance (cosine cost) between output and style hypercolumns, averaged over regions.</summary>
public sealed class RelaxedEmdTerm(HypercolumnSampler sampler) : ILossTerm
{
    public IReadOnlyCollection<string> Layers => sampler.Layers;

    public Tensor Compute(LossInput input) => sampler.MeanOverRegions(input, s => RelaxedEmd.Cosine(s.Output, s.Style));

    public void Dispose() { }
}
