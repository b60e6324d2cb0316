using StyleTransfer.Engine.Backbones;
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
    /// Stylizes <paramref name="content"/> ([1,3,H,W] in [0,1]; scaled down to fit <see cref="StrotssOptions.MaxSize"/>)
    /// with <paramref name="style"/> ([1,3,h,w], any size). Returns [1,3,H,W] in [0,1]; the same seed gives the same output.
    /// </summary>
    public Tensor Run(Tensor content, Tensor style, StrotssOptions options, StrotssGuidance? guidance = null,
        IProgress<StylizeProgress>? progress = null, Action<int, Tensor>? snapshot = null, CancellationToken ct = default)
    {
        options.Validate();
        CheckImage(content, "content");
        CheckImage(style, "style");
        var layers = options.Layers ?? backbone.DefaultStyleLayers;
        foreach (var l in layers)
            if (!backbone.LayerNames.Contains(l))
                throw new ArgumentException($"layer '{l}' does not exist in {backbone.Name}; layers: {string.Join(", ", backbone.LayerNames)}");

        using var rng = new Generator((ulong)options.Seed);
        var (height, width) = FitWithin(content.shape[2], content.shape[3], options.MaxSize);
        int total = options.IterationsPerScale * options.Scales, done = 0;
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
            var levels = LaplacianPyramid.Build(start, options.PyramidLevels)
                .Select(l => new TorchSharp.Modules.Parameter(l.detach().clone(), requires_grad: true)).ToList();
            double lr = last && options.Scales > 1 ? options.LearningRate / 2 : options.LearningRate;
            using var optimizer = optim.RMSProp(levels, lr: lr);
            using var objective = StrotssObjective.Build(backbone, layers, c, s, guidance, alpha, options, rng);

            for (int i = 0; i < options.IterationsPerScale; i++)
            {
                ct.ThrowIfCancellationRequested();
                using var step = NewDisposeScope();
                optimizer.zero_grad();
                var current = LaplacianPyramid.Collapse(levels);
                var loss = objective.Compute(current, rng);
                loss.backward();
                optimizer.step();
                float value = loss.item<float>();
                done++;
                if (!float.IsFinite(value))
                    throw new InvalidOperationException($"the loss diverged ({value}) at iteration {done}; lower the learning rate");
                progress?.Report(new StylizeProgress(done, total, scale + 1, options.Scales, value));
                if (snapshot is not null && options.SnapshotEvery > 0 && done % options.SnapshotEvery == 0)
                    using (no_grad()) snapshot(done, current.detach().clamp(0, 1));
            }
            using (no_grad()) image = LaplacianPyramid.Collapse(levels).detach().MoveToOuterDisposeScope();
            alpha /= 2;
        }
        using (image) return image!.clamp(0, 1);
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
