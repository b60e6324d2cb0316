using StyleTransfer.Contracts;

namespace StyleTransfer.Grains;

/// <summary>
/// The durable state of a job: its spec without inline items (those live in the pages), where its source was
/// read up to, and the latest counts of each page.
/// </summary>
[GenerateSerializer, Alias("StyleTransfer.JobState")]
public sealed class JobState
{
    [Id(0)] public JobSpec? Spec { get; set; }
    /// <summary>SHA-256 of the full spec as JSON: a second start with the same spec is a no-op, a different one an error.</summary>
    [Id(1)] public string SpecHash { get; set; } = "";
    [Id(2)] public DateTimeOffset? StartedAt { get; set; }
    [Id(3)] public DateTimeOffset? FinishedAt { get; set; }
    [Id(4)] public bool Cancelled { get; set; }
    [Id(5)] public bool SourceExhausted { get; set; }
    [Id(6)] public long ManifestOffset { get; set; }
    [Id(7)] public int ManifestLine { get; set; }
    [Id(8)] public List<PageCounts> Pages { get; set; } = [];
}
