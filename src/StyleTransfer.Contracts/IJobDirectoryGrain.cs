namespace StyleTransfer.Contracts;

/// <summary>
/// The ids of the jobs started on this cluster, newest first (use key <see cref="Key"/>). A job registers itself when
/// it starts; the directory keeps the newest <see cref="Capacity"/> and forgets older ones (their job grains stay).
/// </summary>
[Alias("StyleTransfer.IJobDirectoryGrain")]
public interface IJobDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    public const int Capacity = 10_000;

    /// <summary>Idempotent: a job already listed keeps its place.</summary>
    [Alias("Register")]
    Task RegisterAsync(string jobId, DateTimeOffset startedAt);

    /// <summary>Up to <paramref name="count"/> jobs after skipping the newest <paramref name="offset"/>, newest first.</summary>
    [Alias("List"), Orleans.Concurrency.AlwaysInterleave]
    Task<JobDirectoryPage> ListAsync(int offset, int count);
}
