using StyleTransfer.Engine.Backbones;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Losses;

/// <summary>Backbone features at named layers, plus the <see cref="Pixels"/> pseudo-layer.</summary>
public static class FeatureLayers
{
    /// <summary>
    /// A pseudo-layer usable as a content or style layer: the image's own RGB pixels. As a style layer its Gram is
    /// the (per-region) second moments of colour, which pins the palette more directly than deep features do.
    /// </summary>
    public const string Pixels = "pixels";

    /// <summary>The features of <paramref name="image"/> at <paramref name="layers"/> (one backbone pass).</summary>
    public static IReadOnlyDictionary<string, Tensor> Extract(IBackbone backbone, Tensor image, IReadOnlyCollection<string> layers)
    {
        var deep = layers.Where(l => l != Pixels).Distinct().ToList();
        var features = new Dictionary<string, Tensor>(deep.Count == 0 ? [] : backbone.Extract(image, deep));
        if (layers.Contains(Pixels)) features[Pixels] = image;
        return features;
    }

    /// <summary>Throws naming a layer that <paramref name="backbone"/> lacks.</summary>
    public static IReadOnlyList<string> Check(IBackbone backbone, IReadOnlyList<string> layers, string kind, bool allowPixels = true)
    {
        if (layers.Count == 0) throw new ArgumentException($"no {kind} layers given");
        foreach (var l in layers)
            if (!backbone.LayerNames.Contains(l) && !(allowPixels && l == Pixels))
                throw new ArgumentException($"{kind} layer '{l}' does not exist in {backbone.Name}; layers: {string.Join(", ", backbone.LayerNames)}{(allowPixels ? ", " + Pixels : "")}");
        return layers;
    }
}
