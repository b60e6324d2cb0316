using StyleTransfer.Engine.Methods.Gatys;

namespace StyleTransfer.Engine;

/// <summary>One style image and its blend weight (weights are normalized over the request).</summary>
public sealed record StyleInput(string Path, double Weight = 1.0);

/// <summary>What to stylize: a content image file, one or more style image files, and the method's options.</summary>
public sealed record StylizeRequest(string ContentPath, IReadOnlyList<StyleInput> Styles, GatysOptions Options);

/// <summary>Progress of one stylization: iteration counts over all scales.</summary>
public sealed record StylizeProgress(int Iteration, int TotalIterations, int Scale, int Scales, double Loss);

/// <summary>An encoded PNG and what produced it.</summary>
public sealed record StylizeResult(byte[] Png, int Width, int Height, double FinalLoss, TimeSpan Elapsed, string Device, int Iterations);

/// <summary>Runs one stylization end to end: read and validate inputs, optimize, encode PNG.</summary>
public interface IStylizationEngine
{
    /// <summary>The device this engine runs on, in words (e.g. "cpu (2 threads)").</summary>
    string DeviceDescription { get; }

    /// <exception cref="InvalidInputException">an input file is missing, unreadable, corrupt or unsupported.</exception>
    /// <exception cref="ArgumentException">an option is absurd.</exception>
    StylizeResult Stylize(StylizeRequest request, IProgress<StylizeProgress>? progress = null,
        Action<int, byte[]>? snapshot = null, CancellationToken cancellationToken = default);
}
