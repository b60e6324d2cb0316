using StyleTransfer.Contracts;
using StyleTransfer.Engine;
using StyleTransfer.Engine.Methods;
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

    public static DatasetEstimate Calibrate(string contentPath, string stylePath, StylizeOptions options, ItemOutput output,
        CancellationToken cancellationToken)
    {
        using var shaped = ItemShaping.Prepare(contentPath, output);
        var method = MethodRegistry.Get(options.Method);
        var full = options with { Shared = options.Shared with { MaxSize = shaped.LongestSide, SnapshotEvery = 0 } };
        StylizeOptions WithIterations(int n) => full with { Shared = full.Shared with { Iterations = n } };
        // Methods whose work scales with the shared iteration count are timed on a few and scaled up; others run whole.
        var reduced = WithIterations(Math.Min(full.Shared.Iterations, CalibrationIterations));
        var calibration = method.Iterations(reduced) < method.Iterations(full) ? reduced : full;
        using var engine = new StylizationEngine(options.Shared.Device);
        StylizeResult Run(StylizeOptions o) => engine.Stylize(
            new StylizeRequest(shaped.ContentPath, [new StyleInput(stylePath)], o), cancellationToken: cancellationToken);
        Run(ReferenceEquals(calibration, full) ? full : WithIterations(1));
        var measured = Run(calibration);
        double seconds = measured.Elapsed.TotalSeconds * method.Iterations(full) / Math.Max(1, measured.Iterations);
        return new DatasetEstimate(seconds, ItemShaping.Encode(measured.Png, output).Length, measured.Device);
    }
}
