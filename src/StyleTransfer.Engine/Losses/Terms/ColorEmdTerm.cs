using StyleTransfer.Engine.Methods.Strotss;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Losses.Terms;

/// <summary>STROTSS's ℓ_p: relaxed earth mover's distance (Euclidean cost) between output and style colours in YUV, averaged over regions.</summary>
public sealed class ColorEmdTerm(HypercolumnSampler sampler) : ILossTerm
{
    public IReadOnlyCollection<string> Layers => sampler.Layers;

    public Tensor Compute(LossInput input) =>
        sampler.MeanOverRegions(input, s => RelaxedEmd.Euclidean(Yuv.FromRgb(s.Output[.., ..3]), s.StyleYuv));

    public void Dispose() { }
}
