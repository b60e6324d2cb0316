using static TorchSharp.torch;

namespace StyleTransfer.Engine.Optimization;

/// <summary>
/// Counts the iterations of a whole run (every scale and stage of a method), reports each one and emits a snapshot
/// every <paramref name="snapshotEvery"/> iterations (0 = never).
/// </summary>
public sealed class IterationCounter(int totalIterations, int scales, IProgress<StylizeProgress>? progress = null,
    Action<int, Tensor>? snapshot = null, int snapshotEvery = 0)
{
    public int Done { get; private set; }

    public int TotalIterations => totalIterations;

    /// <summary>Records one iteration at <paramref name="scale"/> (1-based, over the whole run) with its loss.</summary>
    public void Advance(int scale, float loss)
    {
        Done++;
        progress?.Report(new StylizeProgress(Done, totalIterations, scale, scales, loss));
    }

    public bool SnapshotDue => snapshot is not null && snapshotEvery > 0 && Done % snapshotEvery == 0;

    public void Snapshot(Tensor image) => snapshot?.Invoke(Done, image);
}
