using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Losses;
using StyleTransfer.Engine.Methods.Gatys;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// The Gatys objective (<see cref="GatysStylizer"/>'s terms and weights: scale-free content loss, Gram style loss per
/// layer including the <c>pixels</c> colour moments, total variation) as a training loss for a batch of network
/// outputs against their content crops. The style's Gram targets are computed once, here; each sample's content
/// target is its own crop's features. The batch loss is the mean of the per-sample Gatys losses.
/// </summary>
sealed class GatysTeacher : IDisposable
{
    readonly IBackbone _backbone;
    readonly GatysOptions _options;
    readonly IReadOnlyList<string> _contentLayers;
    readonly List<(string Layer, StyleLoss Loss, double Weight)> _style = [];
    readonly string[] _layers;
    readonly Func<Tensor, Tensor>? _transform;

    public GatysTeacher(IBackbone backbone, Tensor style, GatysOptions options)
    {
        _backbone = backbone;
        _options = options;
        _contentLayers = FeatureLayers.Check(backbone, options.ContentLayers ?? backbone.DefaultContentLayers, "content");
        var styleLayers = FeatureLayers.Check(backbone, options.StyleLayers ?? GatysStylizer.DefaultStyleLayers(backbone), "style");
        var layerWeights = options.StyleLayerWeights ?? styleLayers.Select(_ => 1.0).ToList();
        double weightSum = layerWeights.Sum();
        _transform = options.SoftmaxStyle ? f => SoftmaxTransform.Apply(f, options.SoftmaxTemperature) : null;
        _layers = _contentLayers.Concat(styleLayers).Distinct().ToArray();

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var features = FeatureLayers.Extract(backbone, style.to(backbone.Device), styleLayers);
        for (int i = 0; i < styleLayers.Count; i++)
        {
            var loss = new StyleLoss(_transform);
            loss.AddBlended([(features[styleLayers[i]], 1.0)]);
            _style.Add((styleLayers[i], loss, weightSum > 0 ? layerWeights[i] / weightSum : 0));
        }
    }

    /// <summary>The mean Gatys loss of <paramref name="output"/> [B,3,H,W] against <paramref name="content"/> (same shape), and its parts.</summary>
    public (Tensor Total, Dictionary<string, double> Terms) Loss(Tensor output, Tensor content)
    {
        long batch = output.shape[0];
        IReadOnlyDictionary<string, Tensor> targets;
        using (no_grad()) targets = FeatureLayers.Extract(_backbone, content, _contentLayers);
        var features = FeatureLayers.Extract(_backbone, output, _layers);
        var contentTotal = zeros(1, device: output.device).sum();
        var styleTotal = zeros(1, device: output.device).sum();
        for (int b = 0; b < batch; b++)
        {
            if (_options.ContentWeight > 0)
                foreach (var layer in _contentLayers)
                {
                    using var loss = new ContentLoss(targets[layer][b..(b + 1)], _transform);
                    contentTotal = contentTotal + loss.Compute(features[layer][b..(b + 1)]).mul(_options.ContentWeight / _contentLayers.Count);
                }
            if (_options.StyleWeight > 0)
                foreach (var (layer, loss, weight) in _style)
                    styleTotal = styleTotal + loss.Compute(features[layer][b..(b + 1)]).mul(_options.StyleWeight * weight);
        }
        contentTotal = contentTotal.div(batch);
        styleTotal = styleTotal.div(batch);
        var tv = TotalVariation.Of(output).mul(_options.TvWeight);
        var total = contentTotal + styleTotal + tv;
        return (total, new Dictionary<string, double>
        {
            ["content"] = contentTotal.ToDouble(), ["style"] = styleTotal.ToDouble(), ["tv"] = tv.ToDouble(),
        });
    }

    public void Dispose()
    {
        foreach (var (_, loss, _) in _style) loss.Dispose();
    }
}
