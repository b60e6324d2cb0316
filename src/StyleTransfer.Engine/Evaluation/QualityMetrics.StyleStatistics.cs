using TorchSharp;
using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Losses;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Evaluation;

public static partial class QualityMetrics
{
    /// <summary>
    /// Relative Gram distance ‖G(output) − G(style)‖ / ‖G(style)‖ (Frobenius norms) of the features of
    /// <paramref name="backbone"/>'s default style layers, averaged over the layers. Images are [1,3,H,W] in [0,1]
    /// and may differ in size (Grams are normalized by the feature count).
    /// </summary>
    public static double StyleStatisticsDistance(IBackbone backbone, Tensor output, Tensor style)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var layers = backbone.DefaultStyleLayers;
        var o = backbone.Extract(output.detach().to(backbone.Device), layers);
        var s = backbone.Extract(style.detach().to(backbone.Device), layers);
        double total = 0;
        foreach (var layer in layers)
        {
            var target = Gram.Of(s[layer]);
            var difference = (Gram.Of(o[layer]) - target).norm().ToDouble();
            total += difference / Math.Max(target.norm().ToDouble(), 1e-20);
        }
        return total / layers.Count;
    }
}
