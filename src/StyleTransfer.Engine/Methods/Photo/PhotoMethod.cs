using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Engine.Segmentation;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.Photo;

/// <summary>
/// Deep Photo Style Transfer (Luan et al., CVPR 2017): semantic Grams (colour-label masks, else automatic groups)
/// plus Matting-Laplacian photorealism; one style. Reads the gatys settings for its neural-style stages (colour
/// preservation and scales aside: its scales are its own) and counts its iterations in its own stage counts.
/// </summary>
public sealed class PhotoMethod : StyleMethodBase
{
    public const string MethodName = "photo";

    public override string Name => MethodName;

    public override MaskMeaning Masks => MaskMeaning.ColorLabels;

    public override bool BlendsStyles => false;

    public override bool NeedsAutomaticGroups(bool hasMasks) => !hasMasks;

    public override int Iterations(StylizeOptions options) => TotalIterations(options.Photo);

    public static int TotalIterations(PhotoOptions photo) => photo.StyleIterations * StyleStageScales(photo) + photo.PhotoIterations;

    /// <summary>
    /// Scales stage 1 runs over: with several scales and a stage 2, all but the finest (stage 2 runs at full size from
    /// stage 1's result), so that stage 1 never runs at full size; otherwise all of them.
    /// </summary>
    public static int StyleStageScales(PhotoOptions photo) =>
        photo.Scales > 1 && photo.PhotoIterations > 0 ? photo.Scales - 1 : photo.Scales;

    protected override void ValidateOwn(StylizeOptions options)
    {
        options.Gatys.Validate();
        options.Shared.CheckScales(options.Photo.Scales);
        options.Photo.Validate();
    }

    protected override IReadOnlyList<object> Reads(StylizeOptions options) =>
    [
        options.Shared with { Iterations = new SharedOptions().Iterations },
        options.Gatys with { PreserveColor = false, Scales = new GatysOptions().Scales },
        options.Photo,
    ];

    public override Tensor Run(MethodRun run)
    {
        var (request, content, style) = (run.Request, run.Content, run.Styles[0].Image);
        var maps = request.ContentMaskPath is not null ? null
            : request.Segmentation ?? Segment(run, content, style);
        using var regions = maps is null ? MaskPairs.Regions(request, content, style) : MaskPairs.RegionsOf(maps, content, style);
        return new DeepPhotoStylizer(run.Backbone).Run(content, style, regions, run.Options.Shared, run.Options.Gatys, run.Options.Photo,
            run.Progress, run.Snapshot, run.CancellationToken);
    }

    static LabelMapPair Segment(MethodRun run, Tensor content, Tensor style)
    {
        var (c, s) = AutoCoSegmentation.Segment(run.Backbone, content, style, run.Options.Photo.Segmentation);
        return new LabelMapPair(c, s);
    }
}
