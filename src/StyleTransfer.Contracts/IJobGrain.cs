using Orleans.Concurrency;

namespace StyleTransfer.Contracts;

/// <summary>
/// A batch job (key = job id) with durable state: it survives the restart of any silo, and a reminder re-drives
/// it until every item is final. Items live in pages (<see cref="IJobPageGrain"/>); at most a few pages are
/// active at a time, so a job of 100,000 items keeps silo memory bounded. One bad item never stops the others:
/// it is marked failed with a reason.
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

    /// <summary>Every item of one page (0-based, <see cref="JobStatus.Pages"/> pages), for listing results.</summary>
    [Alias("GetItems"), AlwaysInterleave]
    Task<IReadOnlyList<ItemStatus>> GetItemsAsync(int page);

    /// <summary>Fails queued items with reason "cancelled" and cancels running ones.</summary>
    [Alias("Cancel")]
    Task CancelAsync();

    /// <summary>From a page: its counts changed.</summary>
    [Alias("ReportPage"), OneWay]
    Task ReportPageAsync(PageCounts counts);
}
