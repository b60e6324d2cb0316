namespace StyleTransfer.Grains.Training;

/// <summary>Metadata keys of a stored model, its checkpoint and its loss curve.</summary>
public static class TrainingMetadata
{
    /// <summary>SHA-256 of the training spec that produced the file: the same spec finds its model done, or its checkpoint to resume.</summary>
    public const string SpecHash = "training-spec-hash";
    public const string JobId = "job-id";
    public const string Kind = "kind";
    public const string Steps = "steps";
    public const string FinalLoss = "final-loss";
    public const string Device = "device";
    public const string ElapsedSeconds = "elapsed-seconds";
}
