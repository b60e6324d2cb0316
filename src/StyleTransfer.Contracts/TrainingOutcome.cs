namespace StyleTransfer.Contracts;

/// <summary>How an attempt ended: the model and loss curve committed, or a failure (transient ones are retried on a node).</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.TrainingOutcome")]
public sealed record TrainingOutcome(Guid DispatchId, TrainingState State, string? ModelLocation, string? LossCurveLocation, string? FailureReason,
    bool Transient = false);
