using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.Strotss;

/// <summary>STROTSS (Kolkin et al., CVPR 2019): relaxed optimal transport + self-similarity; one style; masks are colour-coded guidance; guidance points.</summary>
public sealed class StrotssMethod : StyleMethodBase
{
    public const string MethodName = "strotss";

    public override string Name => MethodName;

    public override MaskMeaning Masks => MaskMeaning.Guidance;

    public override bool BlendsStyles => false;

    public override bool TakesGuidancePoints => true;

    public override int Iterations(StylizeOptions options) => options.Shared.Iterations * options.Strotss.Scales;

    protected override void ValidateOwn(StylizeOptions options)
    {
        options.Strotss.Validate();
        options.Shared.CheckScales(options.Strotss.Scales);
    }

    protected override IReadOnlyList<object> Reads(StylizeOptions options) => [options.Shared, options.Strotss];

    public override Tensor Run(MethodRun run)
    {
        var (request, content, style) = (run.Request, run.Content, run.Styles[0].Image);
        using var guidance = request.ContentMaskPath is not null && request.StyleMaskPath is not null
            ? StrotssGuidance.FromColorMasks(request.ContentMaskPath, request.StyleMaskPath, request.GuidancePoints,
                contentSize: ((int)content.shape[^1], (int)content.shape[^2]), styleSize: ((int)style.shape[^1], (int)style.shape[^2]))
            : request.GuidancePoints is { Count: > 0 } points ? StrotssGuidance.FromPoints(points) : null;
        return new StrotssStylizer(run.Backbone).Run(content, style, run.Options.Shared, run.Options.Strotss, guidance,
            run.Progress, run.Snapshot, run.CancellationToken);
    }
}
