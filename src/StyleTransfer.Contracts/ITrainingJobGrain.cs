using Orleans.Concurrency;

namespace StyleTransfer.Contracts;

/// <summary>
/// A training job (key = <see cref="TrainingSpec.JobId"/>) with durable state: dispatches its one piece of work to a
/// node (a GPU node first), re-dispatches it when the node leaves or fails transiently (the next attempt resumes from
/// the last stored checkpoint), and keeps the latest progress.
/// </summary>
[Alias("StyleTransfer.ITrainingJobGrain")]
public interface ITrainingJobGrain : IGrainWithStringKey
{
    /// <summary>Starts the job; again with the same spec it is a no-op, with another an error.</summary>
    [Alias("Start")]
    Task StartAsync(TrainingSpec spec);

    [Alias("GetStatus")]
    Task<TrainingStatus> GetStatusAsync();

    [Alias("Cancel")]
    Task CancelAsync();

    [Alias("ReportProgress"), OneWay]
    Task ReportProgressAsync(Guid dispatchId, TrainingReport report);

    [Alias("ReportFinished")]
    Task ReportFinishedAsync(TrainingOutcome outcome);
}
