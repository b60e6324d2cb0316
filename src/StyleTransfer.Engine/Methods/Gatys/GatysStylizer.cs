using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Losses;
using StyleTransfer.Engine.Losses.Terms;
using StyleTransfer.Engine.Optimization;
using StyleTransfer.Engine.Segmentation;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.Gatys;

/// <summary>
/// Gatys et al. (CVPR 2016): optimizes the pixels of an image so that its backbone features match the content's
/// (content terms) and the Gram matrices of its features match the style's (style terms), plus total variation.
/// Coarse to fine over scales; L-BFGS or Adam; init from content or seeded noise.
/// </summary>
public sealed class GatysStylizer(IBackbone backbone)
{
    /// <summary>Makes the whole-image style term of one layer from the styles' features there (blend weights) and the feature transform.</summary>
    public delegate ILossTerm StyleTermFactory(string layer, IReadOnlyList<(Tensor Features, double Weight)> styles, Func<Tensor, Tensor>? transform);

    /// <summary>Gatys et al.'s style term: the Gram matrix, of the blend of the styles' Grams.</summary>
    public static readonly StyleTermFactory GramStyle = (layer, styles, transform) =>
    {
        var loss = new StyleLoss(transform);
        loss.AddBlended(styles);
        return new GramStyleTerm(layer, loss);
    };

    /// <summary>Stylizes <paramref name="content"/> ([1,3,H,W] in [0,1]); styles at any size. Returns [1,3,H,W].</summary>
    /// <param name="shared">iterations per scale and seed (for noise); the size is the caller's concern.</param>
    /// <param name="counter">counts iterations and emits snapshots over a whole run; null for one of this run alone, silent.</param>
    /// <param name="extraTerms">more terms of the objective at each scale, given the content at that scale (e.g. Deep
    /// Photo Style Transfer's photorealism); null for none.</param>
    /// <param name="initial">the starting image ([1,3,h,w], resized to the first scale) instead of <see cref="GatysOptions.Init"/>; null for the option.</param>
    /// <param name="styleFeatures">where the styles' features come from (e.g. an engine's cache); null to compute them.</param>
    /// <param name="scaleOffset">added to the scale reported with each iteration (a later stage of a method).</param>
    /// <param name="styleTerm">the whole-image style term of a layer; null for <see cref="GramStyle"/>. Regions always use Grams.</param>
    public Tensor Run(Tensor content, IReadOnlyList<(Tensor Image, double Weight)> styles, SharedOptions shared, GatysOptions options,
        RegionMasks? regions = null, IterationCounter? counter = null, CancellationToken cancellationToken = default,
        Func<Tensor, IEnumerable<WeightedTerm>>? extraTerms = null, Tensor? initial = null,
        StyleFeatureSource? styleFeatures = null, int scaleOffset = 0, StyleTermFactory? styleTerm = null)
    {
        if (regions is not null && styleTerm is not null)
            throw new ArgumentException("per-region style terms are Gram terms; a custom style term takes no regions");
        var contentLayers = FeatureLayers.Check(backbone, options.ContentLayers ?? backbone.DefaultContentLayers, "content");
        var styleLayers = FeatureLayers.Check(backbone, options.StyleLayers ?? DefaultStyleLayers(backbone), "style");
        var layerWeights = options.StyleLayerWeights ?? styleLayers.Select(_ => 1.0).ToList();
        Func<Tensor, Tensor>? transform = options.SoftmaxStyle ? f => SoftmaxTransform.Apply(f, options.SoftmaxTemperature) : null;
        counter ??= new IterationCounter(shared.Iterations * options.Scales, options.Scales);

        Tensor? image = null;
        for (int scale = 0; scale < options.Scales; scale++)
        {
            double factor = Math.Pow(0.5, options.Scales - 1 - scale);
            using var scope = NewDisposeScope();
            var c = Rescale(content, factor);
            var terms = BuildTerms(backbone, c, styles, factor, styleFeatures, contentLayers, styleLayers, layerWeights, transform, regions, options,
                styleTerm ?? GramStyle);
            using var objective = new Objective(backbone, [.. terms, .. extraTerms?.Invoke(c) ?? []]);

            var previous = image ?? initial;
            var start = previous is null
                ? Initial(c, options, shared.Seed)
                : nn.functional.interpolate(previous, [c.shape[2], c.shape[3]], mode: InterpolationMode.Bilinear, align_corners: false);
            image?.Dispose();
            using IImageParameterization pixels = options.AntiAlias ? new LowPassPixelImage(start) : new PixelImage(start);
            image = OptimizationLoop.Run(pixels, p => MakeOptimizer(p, options), objective.Compute, shared.Iterations,
                DivergencePolicy.RestoreBest, counter, scaleOffset + scale + 1, cancellationToken).MoveToOuterDisposeScope();
        }
        return image!;
    }

    /// <summary>
    /// The style layers when none are given: the backbone's, plus the <see cref="FeatureLayers.Pixels"/> pseudo-layer
    /// (the colour moments). On the pretrained ResNet-18 the deep Grams alone barely move the palette: on Deep Photo
    /// Style Transfer's pair 2 (day to night, 256 px, 200 iterations) the colour distance to the style went from 52.6
    /// to 42.1 without them and to 13.8 with them, and carrying the style's colours is what Gatys et al. is known for.
    /// </summary>
    public static IReadOnlyList<string> DefaultStyleLayers(IBackbone backbone) => [.. backbone.DefaultStyleLayers, FeatureLayers.Pixels];

    /// <summary>Content terms (weight split over the layers), then style terms (per-layer weights normalized), then total variation.</summary>
    static List<WeightedTerm> BuildTerms(IBackbone backbone, Tensor content, IReadOnlyList<(Tensor Image, double Weight)> styles, double factor,
        StyleFeatureSource? source, IReadOnlyList<string> contentLayers, IReadOnlyList<string> styleLayers,
        IReadOnlyList<double> layerWeights, Func<Tensor, Tensor>? transform, RegionMasks? regions, GatysOptions options,
        StyleTermFactory styleTerm)
    {
        // Features computed here (not the source's) are freed once the terms hold their targets.
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var features = styles.Select((style, i) =>
        {
            IReadOnlyDictionary<string, Tensor> Compute() => FeatureLayers.Extract(backbone, Rescale(style.Image, factor), styleLayers);
            return (Features: source is null ? Compute() : source(i, factor, styleLayers, Compute), style.Weight);
        }).ToList();

        var terms = new List<WeightedTerm>();
        var contentFeatures = FeatureLayers.Extract(backbone, content, contentLayers);
        foreach (var layer in contentLayers.Distinct())
            terms.Add(new WeightedTerm(new ContentTerm(layer, contentFeatures[layer], transform), options.ContentWeight / contentLayers.Distinct().Count()));

        double weightSum = layerWeights.Sum();
        var styleTerms = new Dictionary<string, WeightedTerm>();
        for (int i = 0; i < styleLayers.Count; i++)
        {
            string layer = styleLayers[i];
            ILossTerm term;
            if (regions is null)
            {
                term = styleTerm(layer, features.Select(s => (s.Features[layer], s.Weight)).ToList(), transform);
            }
            else
            {
                var loss = new StyleLoss(transform);
                var sf = features[0].Features[layer];
                var cf = contentFeatures.TryGetValue(layer, out var f) ? f : FeatureLayers.Extract(backbone, content, [layer])[layer];
                loss.AddRegions(sf, regions.At(cf.shape[2], cf.shape[3], sf.shape[2], sf.shape[3])
                    .Select(r => (r.Style, r.Content, r.Group.ContentFraction)));
                term = new GramStyleTerm(layer, loss);
            }
            if (styleTerms.TryGetValue(layer, out var repeated)) repeated.Term.Dispose();
            styleTerms[layer] = new WeightedTerm(term, options.StyleWeight * (weightSum > 0 ? layerWeights[i] / weightSum : 0));
        }
        terms.AddRange(styleTerms.Values);
        terms.Add(new WeightedTerm(new TotalVariationTerm(), options.TvWeight));
        return terms;
    }

    /// <summary>The image scaled by <paramref name="factor"/> (antialiased bilinear, at least 16 px a side), as each scale sees it.</summary>
    internal static Tensor Rescale(Tensor image, double factor)
    {
        if (factor == 1.0) return image.alias();
        long h = Math.Max(16, (long)Math.Round(image.shape[2] * factor)), w = Math.Max(16, (long)Math.Round(image.shape[3] * factor));
        return nn.functional.interpolate(image, [h, w], mode: InterpolationMode.Bilinear, align_corners: false, antialias: true);
    }

    static Tensor Initial(Tensor content, GatysOptions options, int seed)
    {
        if (options.Init == InitMode.Content) return content.clone();
        using var generator = new Generator((ulong)seed);
        return rand(content.shape, generator: generator).to(content.device);
    }

    static optim.Optimizer MakeOptimizer(IReadOnlyList<TorchSharp.Modules.Parameter> parameters, GatysOptions options) => options.Optimizer switch
    {
        OptimizerKind.Adam => optim.Adam(parameters, lr: options.LearningRate),
        // One iteration per step() so that progress, cancellation and snapshots happen per iteration; the
        // curvature history persists across calls.
        _ => optim.LBFGS(parameters, lr: 1, max_iter: 1, history_size: 50),
    };
}
