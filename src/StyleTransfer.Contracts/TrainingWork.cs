namespace StyleTransfer.Contracts;

/// <summary>One attempt of a training job on a node; <see cref="DispatchId"/> is new for every attempt and keys the trainer grain.</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.TrainingWork")]
public sealed record TrainingWork(Guid DispatchId, TrainingSpec Spec);
