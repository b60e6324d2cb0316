using StyleTransfer.Engine.Methods.Strotss;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace StyleTransfer.Engine.Losses.Terms;

/// <summary>
/// STROTSS's point guidance: the mean cosine distance between the output's hypercolumns at the content points and the
/// style's at the style points (<paramref name="styleAtPoints"/>, owned).
/// </summary>
public sealed class PointGuidanceTerm(IReadOnlyList<string> layers, Tensor contentGrid, Tensor styleAtPoints) : ILossTerm
{
    public IReadOnlyCollection<string> Layers => layers;

    public Tensor Compute(LossInput input)
    {
        var x = Hypercolumns.Sample(HypercolumnSampler.Maps(input.Image, input.Features, layers), contentGrid);
        return F.cosine_similarity(x, styleAtPoints, dim: 1).neg().add(1).mean();
    }

    public void Dispose()
    {
        contentGrid.Dispose();
        styleAtPoints.Dispose();
    }
}
