namespace StyleTransfer.Contracts;

/// <summary>Where one item of a job stands. <see cref="Node"/> is the silo identity of the node that ran it.</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.ItemStatus")]
public sealed record ItemStatus(
    string ItemId,
    string OutputName,
    ItemState State,
    string? Node,
    int Iteration,
    int TotalIterations,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? ResultLocation,
    string? FailureReason,
    int Attempts);
