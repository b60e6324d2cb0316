using StyleTransfer.Engine;

namespace StyleTransfer.Grains;

/// <summary>Keeps only the latest progress report of the engine's thread; the optimizer grain reads it on its own schedule.</summary>
public sealed class LatestProgress : IProgress<StylizeProgress>
{
    StylizeProgress? _latest;

    public StylizeProgress? Latest => Volatile.Read(ref _latest);

    public void Report(StylizeProgress value) => Volatile.Write(ref _latest, value);
}
