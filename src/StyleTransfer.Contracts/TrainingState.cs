namespace StyleTransfer.Contracts;

[GenerateSerializer, Alias("StyleTransfer.TrainingState")]
public enum TrainingState { Queued, Running, Succeeded, Failed, Cancelled }
