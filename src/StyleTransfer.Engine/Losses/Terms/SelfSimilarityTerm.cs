using StyleTransfer.Engine.Methods.Strotss;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Losses.Terms;

/// <summary>STROTSS's content term: the pattern of self-similarity of the output's hypercolumns against the content's, averaged over regions.</summary>
public sealed class SelfSimilarityTerm(HypercolumnSampler sampler) : ILossTerm
{
    public IReadOnlyCollection<string> Layers => sampler.Layers;

    public Tensor Compute(LossInput input) => sampler.MeanOverRegions(input, s => SelfSimilarity.Loss(s.Output, s.Content));

    public void Dispose() { }
}
