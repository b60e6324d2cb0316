namespace StyleTransfer.Contracts;

/// <summary>Item counts of one job page.</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.PageCounts")]
public sealed record PageCounts(int Page, int Total, int Queued, int Running, int Succeeded, int Failed, int Skipped,
    double SecondsComputed, int ItemsComputed)
{
    public bool IsComplete => Queued == 0 && Running == 0;
}
