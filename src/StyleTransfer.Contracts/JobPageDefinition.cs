namespace StyleTransfer.Contracts;

/// <summary>
/// What a page holds: its items with their full output names, and the job's options. <see cref="Rejected"/> are
/// entries of the job's source that could not become items (e.g. a malformed manifest line): they are failed
/// items of the page from the start, each with its reason.
/// </summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.JobPageDefinition")]
public sealed record JobPageDefinition(
    string JobId,
    int Page,
    IReadOnlyList<JobItemSpec> Items,
    IReadOnlyList<string> OutputNames,
    MethodSpec Options,
    IReadOnlyList<RejectedItem> Rejected)
{
    /// <summary>See <see cref="JobSpec.Overwrite"/>.</summary>
    [Id(6)]
    public bool Overwrite { get; init; }
}

/// <summary>An entry of a job's source that is not a valid item, and why.</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.RejectedItem")]
public sealed record RejectedItem(string ItemId, string OutputName, string Reason);
