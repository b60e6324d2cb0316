using StyleTransfer.Engine.Optimization;
using StyleTransfer.Engine.Segmentation;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.Gatys;

/// <summary>Gatys et al. (CVPR 2016): Gram statistics, pixel optimization; blends styles; colour-label masks; optional colour preservation.</summary>
public sealed class GatysMethod : StyleMethodBase
{
    public const string MethodName = "gatys";

    public override string Name => MethodName;

    public override MaskMeaning Masks => MaskMeaning.ColorLabels;

    public override bool BlendsStyles => true;

    public override int Iterations(StylizeOptions options) => options.Shared.Iterations * options.Gatys.Scales;

    protected override void ValidateOwn(StylizeOptions options)
    {
        options.Gatys.Validate();
        options.Shared.CheckScales(options.Gatys.Scales);
    }

    protected override IReadOnlyList<object> Reads(StylizeOptions options) => [options.Shared, options.Gatys];

    public override Tensor Run(MethodRun run)
    {
        var (shared, gatys) = (run.Options.Shared, run.Options.Gatys);
        var content = run.Content;
        using var regions = MaskPairs.Regions(run.Request, content, run.Styles[0].Image);
        bool preserve = gatys.PreserveColor;
        var target = preserve ? ColorPreservation.LuminanceAsRgb(content) : content;
        var styles = preserve
            ? run.Styles.Select(s => (ColorPreservation.MatchedStyleLuminance(s.Image, content), s.Weight)).ToList()
            : run.Styles;
        Action<int, Tensor>? snapshot = run.Snapshot is null || !preserve ? run.Snapshot
            : (i, image) => { using var colored = ColorPreservation.Recombine(image, content); run.Snapshot(i, colored); };
        var counter = new IterationCounter(Iterations(run.Options), gatys.Scales, run.Progress, snapshot, shared.SnapshotEvery);
        // Colour preservation replaces the style images by ones matched to this content: their features are its own.
        var result = new GatysStylizer(run.Backbone).Run(target, styles, shared, gatys, regions, counter, run.CancellationToken,
            styleFeatures: preserve ? null : run.CachedStyleFeatures);
        if (!preserve) return result;
        using (result) return ColorPreservation.Recombine(result, content);
    }
}
