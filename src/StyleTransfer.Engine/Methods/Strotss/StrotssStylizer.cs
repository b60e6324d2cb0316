using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Losses;
using StyleTransfer.Engine.Losses.Terms;
using StyleTransfer.Engine.Optimization;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace StyleTransfer.Engine.Methods.Strotss;

/// <summary>
/// STROTSS (Kolkin, Salavon, Shakhnarovich, CVPR 2019): style as the distribution of hypercolumn features, matched
/// by a relaxed optimal-transport cost plus moments and a colour term; content as the pattern of self-similarity of
/// the features. The image is a Laplacian pyramid optimized with RMSprop, coarse to fine; as in the reference, the
/// coarsest scale starts from the style's mean colour plus the content's finest band, every later scale from the
/// previous result upsampled plus the content's finest band at that scale (the last scale: upsampled only, half the
/// learning rate), and α halves from one scale to the next.
/// </summary>
public sealed class StrotssStylizer(IBackbone backbone)
{
    /// <summary>
    /// Stylizes <paramref name="content"/> ([1,3,H,W] in [0,1]; scaled down to fit <see cref="SharedOptions.MaxSize"/>)
    /// with <paramref name="style"/> ([1,3,h,w], any size). Returns [1,3,H,W] in [0,1]; the same seed gives the same output.
    /// </summary>
    /// <param name="shared">size, iterations per scale, seed and snapshot interval.</param>
    public Tensor Run(Tensor content, Tensor style, SharedOptions shared, StrotssOptions options, StrotssGuidance? guidance = null,
        IProgress<StylizeProgress>? progress = null, Action<int, Tensor>? snapshot = null, CancellationToken ct = default)
    {
        shared.Validate();
        options.Validate();
        shared.CheckScales(options.Scales);
        CheckImage(content, "content");
        CheckImage(style, "style");
        var layers = FeatureLayers.Check(backbone, options.Layers ?? backbone.DefaultStyleLayers, "hypercolumn", allowPixels: false);

        using var rng = new Generator((ulong)shared.Seed);
        var (height, width) = FitWithin(content.shape[2], content.shape[3], shared.MaxSize);
        var counter = new IterationCounter(shared.Iterations * options.Scales, options.Scales, progress, snapshot, shared.SnapshotEvery);
        double alpha = options.ContentWeight;
        Tensor? image = null;
        for (int scale = 0; scale < options.Scales; scale++)
        {
            using var scope = NewDisposeScope();
            bool last = scale == options.Scales - 1;
            double factor = Math.Pow(0.5, options.Scales - 1 - scale);
            long h = Math.Max(16, (long)Math.Round(height * factor)), w = Math.Max(16, (long)Math.Round(width * factor));
            var c = Resize(content.to(backbone.Device), h, w);
            var (sh, sw) = FitWithin(style.shape[2], style.shape[3], Math.Max(h, w), allowUpscale: true);
            var s = Resize(style.to(backbone.Device), sh, sw);

            Tensor start;
            using (no_grad())
            {
                var band = c - Resize(Resize(c, Math.Max(h / 2, 1), Math.Max(w / 2, 1)), h, w);
                start = image is null ? s.mean([2, 3], keepdim: true) + band
                    : last && options.Scales > 1 ? Resize(image, h, w)
                    : Resize(image, h, w) + band;
            }
            image?.Dispose();
            using var pyramid = new PyramidImage(start, options.PyramidLevels);
            double lr = last && options.Scales > 1 ? options.LearningRate / 2 : options.LearningRate;
            using var objective = BuildObjective(layers, c, s, guidance, alpha, options, rng);
            image = OptimizationLoop.Run(pyramid, p => optim.RMSProp(p, lr: lr), objective.Compute, shared.Iterations,
                DivergencePolicy.Fail, counter, scale + 1, ct).MoveToOuterDisposeScope();
            alpha /= 2;
        }
        using (image) return image!.clamp(0, 1);
    }

    /// <summary>
    /// The STROTSS loss at one scale, on <see cref="HypercolumnSampler"/>'s samples: per region, α·ℓ_content
    /// (self-similarity) + ℓ_r (relaxed EMD, cosine) + ℓ_m (moments) + ℓ_p / max(α,1) (relaxed EMD of YUV colours),
    /// averaged over regions, plus the point term × point weight, all divided by α + 1 (paper; the reference divides
    /// by α + 2, the same objective up to a constant factor).
    /// </summary>
    Objective BuildObjective(IReadOnlyList<string> layers, Tensor content, Tensor style, StrotssGuidance? guidance, double alpha,
        StrotssOptions options, Generator rng)
    {
        var sampler = HypercolumnSampler.Build(backbone, layers, content, style, guidance, options, rng);
        double norm = alpha + 1;
        var terms = new List<WeightedTerm>
        {
            new(new SelfSimilarityTerm(sampler), alpha / norm),
            new(new RelaxedEmdTerm(sampler), 1 / norm),
            new(new MomentMatchingTerm(sampler), 1 / norm),
            new(new ColorEmdTerm(sampler), 1 / (Math.Max(alpha, 1.0) * norm)),
        };
        if (guidance is { Points.Count: > 0 })
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var contentGrid = Hypercolumns.PointGrid(guidance.Points.Select(p => (p.ContentX, p.ContentY)).ToList()).to(content.device);
            var styleGrid = Hypercolumns.PointGrid(guidance.Points.Select(p => (p.StyleX, p.StyleY)).ToList()).to(style.device);
            var styleAtPoints = Hypercolumns.Sample(HypercolumnSampler.Maps(style, backbone.Extract(style, layers), layers), styleGrid);
            terms.Add(new(new PointGuidanceTerm(layers, contentGrid.DetachFromDisposeScope(), styleAtPoints.DetachFromDisposeScope()),
                guidance.PointWeight / norm));
        }
        return new Objective(backbone, terms, sampler);
    }

    static void CheckImage(Tensor image, string name)
    {
        if (image.dim() != 4 || image.shape[0] != 1 || image.shape[1] != 3 || image.shape[2] < 1 || image.shape[3] < 1)
            throw new ArgumentException($"the {name} image must be [1,3,H,W], not [{string.Join(",", image.shape)}]");
    }

    static (long Height, long Width) FitWithin(long height, long width, long maxSide, bool allowUpscale = false)
    {
        double scale = (double)maxSide / Math.Max(height, width);
        if (scale >= 1 && !allowUpscale) return (height, width);
        return (Math.Max(1, (long)Math.Round(height * scale)), Math.Max(1, (long)Math.Round(width * scale)));
    }

    static Tensor Resize(Tensor image, long h, long w) =>
        image.shape[2] == h && image.shape[3] == w ? image.alias()
            : F.interpolate(image, [h, w], mode: InterpolationMode.Bilinear, align_corners: false,
                antialias: image.shape[2] > h || image.shape[3] > w);
}
