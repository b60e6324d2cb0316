using Orleans.Concurrency;

namespace StyleTransfer.Contracts;

/// <summary>
/// A page of a job's items (key = <see cref="JobPages.Key"/>): a bounded slice of a large job with its own durable
/// state. It dispatches its items to nodes with free capacity, re-dispatches items whose node left, retries
/// transient failures with backoff, and reports its counts to the job.
/// </summary>
[Alias("StyleTransfer.IJobPageGrain")]
public interface IJobPageGrain : IGrainWithStringKey
{
    /// <summary>Stores the page's items once; later calls with the same page are no-ops.</summary>
    [Alias("Initialize")]
    Task InitializeAsync(JobPageDefinition definition);

    /// <summary>Starts (or resumes, after a restart) dispatching; returns the page's counts.</summary>
    [Alias("Run")]
    Task<PageCounts> RunAsync();

    [Alias("GetItems"), AlwaysInterleave]
    Task<IReadOnlyList<ItemStatus>> GetItemsAsync();

    [Alias("Cancel")]
    Task CancelAsync();

    [Alias("ReportProgress"), OneWay, AlwaysInterleave]
    Task ReportProgressAsync(Guid dispatchId, int iteration, int totalIterations);

    /// <summary>From an optimizer: a dispatch ended. Reports of an abandoned dispatch are ignored.</summary>
    [Alias("ReportFinished")]
    Task ReportFinishedAsync(ItemOutcome outcome);
}

public static class JobPages
{
    /// <summary>Items per page: small enough that a page's state is one modest storage write.</summary>
    public const int Size = 256;

    public static string Key(string jobId, int page) => $"{jobId}/{page:D6}";
}
