using StyleTransfer.Contracts;

namespace StyleTransfer.Grains.Training;

/// <summary>The durable state of a training job: its spec, where it stands, and the current attempt's dispatch.</summary>
[GenerateSerializer, Alias("StyleTransfer.TrainingJobState")]
public sealed class TrainingJobState
{
    [Id(0)] public TrainingSpec? Spec { get; set; }
    [Id(1)] public string SpecHash { get; set; } = "";
    [Id(2)] public TrainingState State { get; set; }
    [Id(3)] public int Attempts { get; set; }
    [Id(4)] public Guid? DispatchId { get; set; }
    [Id(5)] public string? Node { get; set; }
    [Id(6)] public DateTimeOffset NotBefore { get; set; }
    [Id(7)] public TrainingReport? Latest { get; set; }
    [Id(8)] public string? FailureReason { get; set; }
    [Id(9)] public string? ModelLocation { get; set; }
    [Id(10)] public string? LossCurveLocation { get; set; }
    [Id(11)] public DateTimeOffset? StartedAt { get; set; }
    [Id(12)] public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Cancelled while running: the job ends once its trainer has stopped (or its node is gone).</summary>
    [Id(13)] public bool CancelRequested { get; set; }
}
