using StyleTransfer.Engine.Methods.Strotss;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Losses.Terms;

/// <summary>STROTSS's ℓ_m: mean and covariance of output against style hypercolumns, averaged over regions.</summary>
public sealed class MomentMatchingTerm(HypercolumnSampler sampler) : ILossTerm
{
    public IReadOnlyCollection<string> Layers => sampler.Layers;

    public Tensor Compute(LossInput input) => sampler.MeanOverRegions(input, s => MomentMatching.Loss(s.Output, s.Style));

    public void Dispose() { }
}
