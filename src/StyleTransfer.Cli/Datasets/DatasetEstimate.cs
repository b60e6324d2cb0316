using StyleTransfer.Contracts;
using StyleTransfer.Engine;
using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Grains;

namespace StyleTransfer.Cli.Datasets;

/// <summary>
/// A dry run's estimate from a short calibration on this machine: one output of the dataset stylized with a few
/// iterations (after a one-iteration warm-up that loads the backbone), scaled to the method's full iteration count,
/// and its encoded size.
/// </summary>
public sealed record DatasetEstimate(double SecondsPerOutput, long BytesPerOutput, string Device)
{
    public const int CalibrationIterations = 5;

    public static DatasetEstimate Calibrate(string contentPath, string stylePath, GatysOptions options, ItemOutput output,
        CancellationToken cancellationToken)
    {
        using var shaped = ItemShaping.Prepare(contentPath, output);
        var full = options with { MaxSize = shaped.LongestSide, SnapshotEvery = 0 };
        using var engine = new StylizationEngine(options.Device);
        StylizeResult Run(int iterations) => engine.Stylize(
            new StylizeRequest(shaped.ContentPath, [new StyleInput(stylePath)], full with { Iterations = iterations }), cancellationToken: cancellationToken);
        Run(1);
        var measured = Run(Math.Min(options.Iterations, CalibrationIterations));
        double seconds = measured.Elapsed.TotalSeconds * full.TotalIterations() / Math.Max(1, measured.Iterations);
        return new DatasetEstimate(seconds, ItemShaping.Encode(measured.Png, output).Length, measured.Device);
    }
}
