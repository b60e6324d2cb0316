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
/// <item>segmented neural style: Gatys et al. with the augmented (per semantic region) style loss, coarse to fine
/// over the shared scales, for <see cref="PhotoOptions.StyleIterations"/>;</item>
/// <item>from stage 1's result, at full size, the same losses plus the photorealism term λ·Σ_c V_cᵀ M V_c / N (M the
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
    /// <param name="gatys">the neural-style settings of both stages.</param>
    public Tensor Run(Tensor content, Tensor style, RegionMasks? regions, SharedOptions shared, GatysOptions gatys, PhotoOptions photo,
        IProgress<StylizeProgress>? progress = null, Action<int, Tensor>? snapshot = null, CancellationToken ct = default)
    {
        gatys.Validate();
        photo.Validate();
        if (content.dim() != 4 || content.shape[0] != 1 || content.shape[1] != 3)
            throw new ArgumentException($"the content must be an RGB image [1,3,H,W], got [{string.Join(",", content.shape)}]");
        if (style.dim() != 4 || style.shape[0] != 1 || style.shape[1] != 3)
            throw new ArgumentException($"the style must be an RGB image [1,3,H,W], got [{string.Join(",", style.shape)}]");

        var stylizer = new GatysStylizer(backbone);
        var styles = new List<(Tensor Image, double Weight)> { (style, 1.0) };
        var counter = new IterationCounter(PhotoMethod.TotalIterations(gatys, photo),
            gatys.Scales + (photo.PhotoIterations > 0 ? 1 : 0), progress, snapshot, shared.SnapshotEvery);

        IEnumerable<WeightedTerm> Colors(Tensor c) => photo.ColorWeight > 0
            ? [new WeightedTerm(SlicedWassersteinColorTerm.For(style, regions, c.shape[2], c.shape[3]), photo.ColorWeight)]
            : [];

        Tensor? stage1 = null;
        if (photo.StyleIterations > 0)
            stage1 = stylizer.Run(content, styles, shared with { Iterations = photo.StyleIterations }, gatys, regions, counter, ct,
                extraTerms: Colors);

        Tensor result;
        if (photo.PhotoIterations > 0)
        {
            result = stylizer.Run(content, styles, shared with { Iterations = photo.PhotoIterations }, gatys with { Scales = 1 }, regions,
                counter, ct, extraTerms: c => [.. Colors(c), new WeightedTerm(new PhotorealismTerm(MattingLaplacian.Build(c, photo.Epsilon)), photo.Lambda)],
                initial: stage1, scaleOffset: gatys.Scales);
            stage1?.Dispose();
        }
        else result = stage1!;

        if (!photo.Smooth) return result;
        using (result)
        {
            using var filtered = GuidedFilter.Apply(result, content, photo.SmoothRadius, photo.SmoothEpsilon);
            return filtered.clamp(0, 1);
        }
    }
}
