using System.Diagnostics;
using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Losses.Terms;
using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Engine.Optimization;
using StyleTransfer.Engine.Segmentation;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.Photo;

/// <summary>
/// Deep Photo Style Transfer (Luan, Paris, Shechtman and Bala, CVPR 2017), in two stages as in the paper:
/// <list type="number">
/// <item>segmented neural style: Gatys et al. with the augmented (per semantic region) style loss, started from the
/// content recoloured region by region (<see cref="RegionColorTransfer"/>, unless <see cref="PhotoOptions.StartFromColorTransfer"/> is off), for
/// <see cref="PhotoOptions.StyleIterations"/> per scale; with several <see cref="PhotoOptions.Scales"/>, coarse to fine over all but the finest
/// (<see cref="PhotoMethod.StyleStageScales"/>), so that only stage 2 runs at full size;</item>
/// <item>from stage 1's result (below full size: the full-size start plus stage 1's change, <see cref="CarriedUp"/>), at full size, the same losses plus the photorealism term λ·Σ_c V_cᵀ M V_c / N (M the
/// matting Laplacian of the content), for <see cref="PhotoOptions.PhotoIterations"/>;</item>
/// </list>
/// then, optionally, a guided filter of the output with the content as guide (He et al.), which removes the residual
/// non-affine noise the optimization leaves, in the spirit of the authors' released post-processing.
/// Progress counts iterations over both stages; scales are reported as stage 1's scales followed by stage 2 as one more.
/// Both stages run <see cref="GatysStylizer"/>'s terms plus the per-region colour distribution term
/// (<see cref="SlicedWassersteinColorTerm"/>, weight <see cref="PhotoOptions.ColorWeight"/>); stage 2 adds <see cref="PhotorealismTerm"/>.
/// </summary>
public sealed class DeepPhotoStylizer(IBackbone backbone)
{
    /// <summary>Stylizes <paramref name="content"/> ([1,3,H,W] in [0,1]) with <paramref name="style"/>; returns [1,3,H,W] in [0,1].</summary>
    /// <param name="regions">semantic regions shared by content and style (orphan content regions get no style term); null for whole-image style.</param>
    /// <param name="shared">seed and snapshot interval (size is the caller's concern; <c>Iterations</c> is replaced by the stage counts).</param>
    /// <param name="gatys">the neural-style settings of both stages (not their scales: <see cref="PhotoOptions.Scales"/>).</param>
    /// <param name="timed">told the wall time of each part ("colour transfer", "stage 1", "matting Laplacian", "stage 2", "smoothing"), for benchmarks.</param>
    public Tensor Run(Tensor content, Tensor style, RegionMasks? regions, SharedOptions shared, GatysOptions gatys, PhotoOptions photo,
        IProgress<StylizeProgress>? progress = null, Action<int, Tensor>? snapshot = null, CancellationToken ct = default,
        Action<string, TimeSpan>? timed = null)
    {
        gatys.Validate();
        photo.Validate();
        if (content.dim() != 4 || content.shape[0] != 1 || content.shape[1] != 3)
            throw new ArgumentException($"the content must be an RGB image [1,3,H,W], got [{string.Join(",", content.shape)}]");
        if (style.dim() != 4 || style.shape[0] != 1 || style.shape[1] != 3)
            throw new ArgumentException($"the style must be an RGB image [1,3,H,W], got [{string.Join(",", style.shape)}]");

        var stylizer = new GatysStylizer(backbone);
        var styles = new List<(Tensor Image, double Weight)> { (style, 1.0) };
        int stage1Scales = PhotoMethod.StyleStageScales(photo);
        // Coarse to fine below full size when stage 2 takes the finest scale.
        bool stage1BelowFullSize = stage1Scales < photo.Scales;
        var counter = new IterationCounter(PhotoMethod.TotalIterations(photo),
            stage1Scales + (photo.PhotoIterations > 0 ? 1 : 0), progress, snapshot, shared.SnapshotEvery);

        IEnumerable<WeightedTerm> Colors(Tensor c) => photo.ColorWeight > 0
            ? [new WeightedTerm(SlicedWassersteinColorTerm.For(style, regions, c.shape[2], c.shape[3]), photo.ColorWeight)]
            : [];

        var clock = Stopwatch.StartNew();
        using var recoloured = photo.StartFromColorTransfer ? RegionColorTransfer.Apply(content, style, regions, seed: shared.Seed) : null;
        if (recoloured is not null)
        {
            timed?.Invoke("colour transfer", clock.Elapsed);
            clock.Restart();
        }
        Tensor? stage1 = null;
        if (photo.StyleIterations > 0)
        {
            using var stage1Content = stage1BelowFullSize ? GatysStylizer.Rescale(content, 0.5) : content.alias();
            stage1 = stylizer.Run(stage1Content, styles, shared with { Iterations = photo.StyleIterations }, gatys with { Scales = stage1Scales },
                regions, counter, ct, extraTerms: Colors, initial: recoloured);
            timed?.Invoke("stage 1", clock.Elapsed);
        }

        Tensor result;
        if (photo.PhotoIterations > 0)
        {
            var laplacian = TimeSpan.Zero;
            IEnumerable<WeightedTerm> Photorealism(Tensor c)
            {
                var start = clock.Elapsed;
                var term = new PhotorealismTerm(MattingLaplacian.Build(c, photo.Epsilon));
                laplacian += clock.Elapsed - start;
                return [.. Colors(c), new WeightedTerm(term, photo.Lambda)];
            }
            clock.Restart();
            var fullSizeStart = recoloured ?? (gatys.Init == InitMode.Content ? content : null);
            using var start = stage1 is not null && fullSizeStart is not null && stage1BelowFullSize
                ? CarriedUp(stage1, fullSizeStart, antialiasedStart: recoloured is null)
                : (stage1 ?? recoloured)?.alias();
            result = stylizer.Run(content, styles, shared with { Iterations = photo.PhotoIterations }, gatys with { Scales = 1 }, regions,
                counter, ct, extraTerms: Photorealism, initial: start, scaleOffset: stage1Scales);
            stage1?.Dispose();
            timed?.Invoke("matting Laplacian", laplacian);
            timed?.Invoke("stage 2", clock.Elapsed - laplacian);
        }
        else result = stage1!;

        if (!photo.Smooth) return result;
        using (result)
        {
            clock.Restart();
            using var filtered = GuidedFilter.Apply(result, content, photo.SmoothRadius, photo.SmoothEpsilon);
            var output = filtered.clamp(0, 1);
            timed?.Invoke("smoothing", clock.Elapsed);
            return output;
        }
    }

    /// <summary>
    /// Stage 2's start when stage 1 ran below full size: the full-size start plus stage 1's change, upsampled. Upsampling
    /// stage 1's image itself would drop the detail its coarse scale cannot hold, and stage 2's content term would
    /// have to grow it back; here only the change is coarse, as in a Laplacian pyramid.
    /// </summary>
    /// <param name="antialiasedStart">how stage 1's start was made from <paramref name="fullSizeStart"/>: the content
    /// is scaled down antialiased (<see cref="GatysStylizer.Rescale"/>), a given start by plain bilinear interpolation.</param>
    internal static Tensor CarriedUp(Tensor coarse, Tensor fullSizeStart, bool antialiasedStart)
    {
        using var scope = NewDisposeScope();
        long[] coarseSize = [coarse.shape[2], coarse.shape[3]], fullSize = [fullSizeStart.shape[2], fullSizeStart.shape[3]];
        var coarseStart = nn.functional.interpolate(fullSizeStart, coarseSize, mode: InterpolationMode.Bilinear, align_corners: false,
            antialias: antialiasedStart);
        var change = nn.functional.interpolate(coarse - coarseStart, fullSize, mode: InterpolationMode.Bilinear, align_corners: false);
        return (fullSizeStart + change).clamp(0, 1).MoveToOuterDisposeScope();
    }
}
