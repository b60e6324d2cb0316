using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Losses;
using StyleTransfer.Engine.Segmentation;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.Gatys;

/// <summary>The weighted sum of content, style and total-variation losses at one scale.</summary>
sealed class Objective : IDisposable
{
    /// <summary>
    /// A pseudo-layer usable as a content or style layer: the image's own RGB pixels. As a style layer its Gram is
    /// the (per-region) second moments of colour, which pins the palette more directly than deep features do.
    /// </summary>
    public const string PixelsLayer = "pixels";

    readonly IBackbone _backbone;
    readonly Dictionary<string, ContentLoss> _content = [];
    readonly Dictionary<string, (StyleLoss Loss, double Weight)> _style = [];
    readonly GatysOptions _options;
    readonly string[] _layers;

    Objective(IBackbone backbone, GatysOptions options, IEnumerable<string> layers)
    {
        _backbone = backbone;
        _options = options;
        _layers = layers.Distinct().ToArray();
    }

    /// <param name="styles">each style image's features at (at least) <paramref name="styleLayers"/>, read only.</param>
    public static Objective Build(IBackbone backbone, Tensor content, IReadOnlyList<(IReadOnlyDictionary<string, Tensor> Features, double Weight)> styles,
        IReadOnlyList<string> contentLayers, IReadOnlyList<string> styleLayers, IReadOnlyList<double> layerWeights,
        Func<Tensor, Tensor>? transform, RegionMasks? regions, GatysOptions options)
    {
        var objective = new Objective(backbone, options, contentLayers.Concat(styleLayers));
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var contentFeatures = Features(backbone, content, contentLayers.ToList());
        foreach (var layer in contentLayers)
            objective._content[layer] = new ContentLoss(contentFeatures[layer], transform);

        double weightSum = layerWeights.Sum();
        for (int i = 0; i < styleLayers.Count; i++)
        {
            string layer = styleLayers[i];
            var loss = new StyleLoss(transform);
            if (regions is null)
            {
                loss.AddBlended(styles.Select(s => (s.Features[layer], s.Weight)).ToList());
            }
            else
            {
                var sf = styles[0].Features[layer];
                var cf = contentFeatures.TryGetValue(layer, out var f) ? f : Features(backbone, content, [layer])[layer];
                loss.AddRegions(sf, regions.At(cf.shape[2], cf.shape[3], sf.shape[2], sf.shape[3])
                    .Select(r => (r.Style, r.Content, r.Group.ContentFraction)));
            }
            objective._style[layer] = (loss, weightSum > 0 ? layerWeights[i] / weightSum : 0);
        }
        return objective;
    }

    public Tensor Compute(Tensor image)
    {
        var features = Features(_backbone, image, _layers);
        var total = zeros(1, device: image.device).sum();
        if (_options.ContentWeight > 0)
            foreach (var (layer, loss) in _content)
                total = total + loss.Compute(features[layer]).mul(_options.ContentWeight / _content.Count);
        if (_options.StyleWeight > 0)
            foreach (var (layer, (loss, weight)) in _style)
                total = total + loss.Compute(features[layer]).mul(_options.StyleWeight * weight);
        if (_options.TvWeight > 0)
            total = total + TotalVariation.Of(image).mul(_options.TvWeight);
        return total;
    }

    public static IReadOnlyDictionary<string, Tensor> Features(IBackbone backbone, Tensor image, IReadOnlyCollection<string> layers)
    {
        var deep = layers.Where(l => l != PixelsLayer).ToList();
        var features = new Dictionary<string, Tensor>(deep.Count == 0 ? [] : backbone.Extract(image, deep));
        if (layers.Contains(PixelsLayer)) features[PixelsLayer] = image;
        return features;
    }

    public void Dispose()
    {
        foreach (var c in _content.Values) c.Dispose();
        foreach (var (s, _) in _style.Values) s.Dispose();
    }
}
