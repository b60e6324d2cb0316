namespace StyleTransfer.Contracts;

/// <summary>
/// A snapshot of a job. <see cref="StartedAt"/> is null for a job that was never started (or whose in-memory state
/// was lost with its silo: start it again, finished outputs are skipped). <see cref="AverageSecondsPerItem"/> is
/// the mean wall time of the items computed so far (skipped items excluded), for ETAs.
/// </summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.JobStatus")]
public sealed record JobStatus(
    string JobId,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    bool Cancelled,
    int Total,
    int Queued,
    int Running,
    int Succeeded,
    int Failed,
    int Skipped,
    double? AverageSecondsPerItem,
    IReadOnlyList<ItemStatus> Items,
    IReadOnlyList<NodeInfo> Nodes)
{
    public bool IsStarted => StartedAt is not null;

    /// <summary>Every item is final (succeeded, failed or skipped).</summary>
    public bool IsComplete => IsStarted && Queued == 0 && Running == 0;

    /// <summary>Rough time left: average item time × remaining items ÷ the nodes' total capacity.</summary>
    public TimeSpan? EstimateRemaining()
    {
        if (AverageSecondsPerItem is not double average) return null;
        int parallel = Math.Max(1, Nodes.Sum(n => n.Capacity));
        double remainingItems = Queued + Running * 0.5;
        return TimeSpan.FromSeconds(average * Math.Ceiling(remainingItems / parallel));
    }
}
