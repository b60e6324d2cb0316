using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// Huang and Belongie (ICCV 2017): any style in one pass. The ResNet-18 encodes content and style up to the decoder's
/// layer, adaptive instance normalization gives the content the style's channel means and deviations, α blends that
/// with the content's own features, and the trained decoder maps it back to an image. Nothing is optimized: one iteration.
/// </summary>
public sealed class AdaInMethod : StyleMethodBase
{
    public const string MethodName = "adain";

    public override string Name => MethodName;

    public override MaskMeaning Masks => MaskMeaning.None;

    public override bool BlendsStyles => false;

    public override int Iterations(StylizeOptions options) => 1;

    protected override void ValidateOwn(StylizeOptions options)
    {
        options.AdaIn.Validate();
        if (!string.Equals(options.Shared.Backbone, "resnet18", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"method adain runs the resnet18 encoder its decoders are trained for, not {options.Shared.Backbone}");
    }

    protected override IReadOnlyList<object> Reads(StylizeOptions options) =>
        [options.Shared with { Iterations = new SharedOptions().Iterations }, options.AdaIn];

    public override Tensor Run(MethodRun run)
    {
        var model = run.Models.AdaIn(run.Options.AdaIn.ModelPath!, run.Backbone);
        run.CancellationToken.ThrowIfCancellationRequested();
        using var _ = no_grad();
        var output = model.Stylize(run.Content, run.Styles[0].Image, run.Options.AdaIn.Alpha);
        run.Progress?.Report(new StylizeProgress(1, 1, 1, 1, double.NaN));
        return output;
    }
}
