namespace StyleTransfer.Contracts;

/// <summary>Runs one attempt of a training job (key = <see cref="TrainingWork.DispatchId"/>) on its node's silo; <see cref="StartAsync"/> returns at once.</summary>
[Alias("StyleTransfer.ITrainerGrain")]
public interface ITrainerGrain : IGrainWithGuidKey
{
    [Alias("Start")]
    Task StartAsync(TrainingWork work, string nodeId);

    [Alias("Cancel")]
    Task CancelAsync();
}
