using Orleans.Concurrency;

namespace StyleTransfer.Contracts;

/// <summary>
/// A batch job (key = job id). Keeps per-item state in memory, dispatches items to nodes with free capacity and
/// re-dispatches as work completes. One bad item never stops the others: it is marked failed with a reason.
/// </summary>
[Alias("StyleTransfer.IJobGrain")]
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the job. Idempotent: starting again with the same spec returns without effect; a different spec under
    /// the same id throws <see cref="InvalidOperationException"/>; an invalid spec throws <see cref="ArgumentException"/>.
    /// </summary>
    [Alias("Start")]
    Task StartAsync(JobSpec spec);

    [Alias("GetStatus"), AlwaysInterleave]
    Task<JobStatus> GetStatusAsync();

    /// <summary>Fails queued items with reason "cancelled" and cancels running ones.</summary>
    [Alias("Cancel")]
    Task CancelAsync();

    /// <summary>From an optimizer: iteration progress of a running dispatch (throttled; fire and forget).</summary>
    [Alias("ReportProgress"), OneWay, AlwaysInterleave]
    Task ReportProgressAsync(Guid dispatchId, int iteration, int totalIterations);

    /// <summary>From an optimizer: a dispatch ended. Reports of an abandoned dispatch are ignored.</summary>
    [Alias("ReportFinished")]
    Task ReportFinishedAsync(ItemOutcome outcome);
}
