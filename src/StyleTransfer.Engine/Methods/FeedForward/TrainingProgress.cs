namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>One training step done: the step (1-based) of <paramref name="TotalSteps"/>, the batch's loss and its parts, throughput.</summary>
public sealed record TrainingProgress(int Step, int TotalSteps, double Loss, IReadOnlyDictionary<string, double> Terms, double ImagesPerSecond);
