namespace StyleTransfer.Contracts;

/// <summary>
/// Where a training job stands: its state, the step reached of <see cref="Steps"/> with the last batch's loss and
/// throughput, the node it runs on, the attempt, and once finished the model's and loss curve's locations or the reason it failed.
/// </summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.TrainingStatus")]
public sealed record TrainingStatus(string JobId, TrainingState State, int Step, int Steps, double? Loss, double? ImagesPerSecond,
    string? Node, int Attempts, string? FailureReason, string? ModelLocation, string? LossCurveLocation)
{
    /// <summary>The step the current attempt resumed from (0 when it started from scratch).</summary>
    [Id(11)] public int ResumedFromStep { get; init; }

    /// <summary>Training images that could not be used, with their reasons (the first few).</summary>
    [Id(12)] public IReadOnlyList<string> SkippedImages { get; init; } = [];

    public bool IsFinished => State is TrainingState.Succeeded or TrainingState.Failed or TrainingState.Cancelled;
}
