namespace StyleTransfer.Contracts;

/// <summary>From a trainer: the step reached, the last batch's loss and throughput, the step it resumed from, and skipped training images.</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.TrainingReport")]
public sealed record TrainingReport(int Step, int Steps, double Loss, double ImagesPerSecond, int ResumedFromStep, IReadOnlyList<string> SkippedImages);
