using System.Security.Cryptography;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// Johnson et al. (ECCV 2016): one pass of a transform network trained for one style. The item names that style, and
/// a model trained for another style image is refused (its header records the style's SHA-256). Reads the output
/// size and the model; nothing is optimized, so it counts one iteration.
/// </summary>
public sealed class FastMethod : StyleMethodBase
{
    public const string MethodName = "fast";

    public override string Name => MethodName;

    public override MaskMeaning Masks => MaskMeaning.None;

    public override bool BlendsStyles => false;

    public override int Iterations(StylizeOptions options) => 1;

    protected override void ValidateOwn(StylizeOptions options) => options.Fast.Validate();

    protected override IReadOnlyList<object> Reads(StylizeOptions options) =>
        [new SharedOptions { MaxSize = options.Shared.MaxSize, Seed = options.Shared.Seed, Device = options.Shared.Device, SnapshotEvery = options.Shared.SnapshotEvery }, options.Fast];

    public override Tensor Run(MethodRun run)
    {
        var path = run.Options.Fast.ModelPath!;
        var model = run.Models.Fast(path, run.Content.device);
        var style = run.Request.Styles[0];
        var styleHash = style.Sha256 ?? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(style.Path)));
        if (model.Header.StyleSha256 is string trained && !string.Equals(trained, styleHash, StringComparison.OrdinalIgnoreCase))
            throw new InvalidInputException(path, $"was trained for another style image, not {style.Path} (a fast model stylizes with its own style only; use method adain for any style)");
        run.CancellationToken.ThrowIfCancellationRequested();
        var output = model.Stylize(run.Content);
        run.Progress?.Report(new StylizeProgress(1, 1, 1, 1, double.NaN));
        return output;
    }
}
