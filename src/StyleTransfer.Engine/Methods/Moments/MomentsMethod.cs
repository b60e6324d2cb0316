using StyleTransfer.Engine.Losses.Terms;
using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Engine.Optimization;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.Moments;

/// <summary>
/// Li, Wang, Liu and Hou, "Demystifying Neural Style Transfer" (IJCAI 2017): Gatys et al.'s pixel optimization with
/// style as each channel's mean and standard deviation (<see cref="MeanStdStyleTerm"/>) instead of the Gram matrix:
/// a cheaper statistic that ignores how channels co-occur. It reads the gatys settings (layers, weights, scales,
/// optimizer, anti-aliasing) and blends styles; no masks, no colour preservation.
/// </summary>
public sealed class MomentsMethod : StyleMethodBase
{
    public const string MethodName = "moments";

    static readonly GatysStylizer.StyleTermFactory MeanStd = (layer, styles, transform) => new MeanStdStyleTerm(layer, styles, transform);

    public override string Name => MethodName;

    public override MaskMeaning Masks => MaskMeaning.None;

    public override bool BlendsStyles => true;

    public override int Iterations(StylizeOptions options) => options.Shared.Iterations * options.Gatys.Scales;

    protected override void ValidateOwn(StylizeOptions options)
    {
        options.Gatys.Validate();
        options.Shared.CheckScales(options.Gatys.Scales);
        if (options.Gatys.PreserveColor) throw new ArgumentException($"colour preservation does not apply to method {MethodName}");
    }

    protected override IReadOnlyList<object> Reads(StylizeOptions options) => [options.Shared, options.Gatys];

    public override Tensor Run(MethodRun run)
    {
        var (shared, gatys) = (run.Options.Shared, run.Options.Gatys);
        var counter = new IterationCounter(Iterations(run.Options), gatys.Scales, run.Progress, run.Snapshot, shared.SnapshotEvery);
        return new GatysStylizer(run.Backbone).Run(run.Content, run.Styles, shared, gatys, counter: counter,
            cancellationToken: run.CancellationToken, styleFeatures: run.CachedStyleFeatures, styleTerm: MeanStd);
    }
}
