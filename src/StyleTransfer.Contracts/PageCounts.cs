namespace StyleTransfer.Contracts;

/// <summary>Item counts of one job page.</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.PageCounts")]
public sealed record PageCounts(int Page, int Total, int Queued, int Running, int Succeeded, int Failed, int Skipped,
    double SecondsComputed, int ItemsComputed)
{
    /// <summary>Items the job's cancellation stopped (not counted as failed).</summary>
    [Id(9)]
    public int Cancelled { get; init; }

    public bool IsComplete => Queued == 0 && Running == 0;

    /// <summary>Items in a final state. Never decreases: items only move toward final states (a retry moves a running item back to queued).</summary>
    public int Finished => Succeeded + Failed + Skipped + Cancelled;
}
