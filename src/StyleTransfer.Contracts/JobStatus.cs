namespace StyleTransfer.Contracts;

/// <summary>
/// A snapshot of a job. <see cref="StartedAt"/> is null for a job that was never started.
/// <see cref="Items"/> lists every item when the job has at most <see cref="DetailLimit"/> items; for larger jobs
/// it lists the running items and the first failed ones (all items: <see cref="IJobGrain.GetItemsAsync"/> per page).
/// <see cref="AverageSecondsPerItem"/> is the mean wall time of the items computed so far (skipped items
/// excluded), for ETAs.
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
    public const int DetailLimit = 1000;

    /// <summary>Pages of items so far (grows while a manifest is being read).</summary>
    [Id(13)]
    public int Pages { get; init; }

    /// <summary>The job's source is read to its end (always true for inline items): <see cref="Total"/> is final.</summary>
    [Id(14)]
    public bool SourceExhausted { get; init; } = true;

    /// <summary>Items stopped by the job's cancellation (not in <see cref="Failed"/>).</summary>
    [Id(15)]
    public int CancelledItems { get; init; }

    public bool IsStarted => StartedAt is not null;

    /// <summary>Every item is final (succeeded, failed or skipped).</summary>
    public bool IsComplete => IsStarted && FinishedAt is not null;

    /// <summary>Rough time left: average item time × remaining items ÷ the nodes' total capacity.</summary>
    public TimeSpan? EstimateRemaining()
    {
        if (AverageSecondsPerItem is not double average) return null;
        int parallel = Math.Max(1, Nodes.Sum(n => n.Capacity));
        double remainingItems = Queued + Running * 0.5;
        return TimeSpan.FromSeconds(average * Math.Ceiling(remainingItems / parallel));
    }
}
