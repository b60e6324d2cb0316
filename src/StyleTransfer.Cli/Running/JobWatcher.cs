using System.Diagnostics;
using StyleTransfer.Contracts;

namespace StyleTransfer.Cli.Running;

/// <summary>
/// Starts a job and polls its status until every item is final. On cancellation it asks the job to cancel
/// (queued items fail with "cancelled", running ones stop) and keeps polling until the job settles or
/// <see cref="CancelGrace"/> passes.
/// </summary>
public sealed class JobWatcher(IClusterClient client)
{
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(300);

    public TimeSpan CancelGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Ctrl+C cancels the job (batch, image); false: it only stops watching (watch).</summary>
    public bool CancelsOnInterrupt { get; init; } = true;

    /// <summary>Consecutive failed status calls tolerated (a silo restarting) before giving up.</summary>
    public int MaxStatusFailures { get; init; } = 20;

    /// <exception cref="UsageException">the cluster rejects the spec (invalid, or a different job under the same id).</exception>
    public async Task StartAsync(JobSpec spec)
    {
        try
        {
            await client.GetGrain<IJobGrain>(spec.JobId).StartAsync(spec);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"job {spec.JobId}: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException($"--job-id {spec.JobId}: {e.Message} (choose another --job-id)");
        }
    }

    /// <param name="spec">the job's spec when this client started it (it is started again if the cluster lost it); null to watch a job by id.</param>
    /// <exception cref="UsageException">the job is unknown to the cluster (and no spec was given).</exception>
    public async Task<JobOutcome> WatchAsync(string jobId, JobSpec? spec, Action<JobStatus> onStatus, CancellationToken cancellationToken)
    {
        var grain = client.GetGrain<IJobGrain>(jobId);
        var clock = Stopwatch.StartNew();
        TimeSpan? cancelledAt = null;
        int failures = 0;
        while (true)
        {
            JobStatus status;
            try
            {
                status = await grain.GetStatusAsync();
                failures = 0;
            }
            catch (Exception) when (++failures < MaxStatusFailures)
            {
                await Task.Delay(PollInterval, CancellationToken.None);
                continue;
            }

            // Unknown to the cluster (e.g. its embedded silo's memory state is gone): start it again; finished outputs are skipped.
            if (!status.IsStarted && cancelledAt is null)
            {
                if (spec is null) throw new UsageException($"job {jobId}: no such job on this cluster");
                await StartAsync(spec);
                continue;
            }
            onStatus(status);
            if (status.IsComplete) return new JobOutcome(status, cancelledAt is not null, clock.Elapsed);

            if (!CancelsOnInterrupt && cancellationToken.IsCancellationRequested) return new JobOutcome(status, false, clock.Elapsed);
            if (cancelledAt is null && cancellationToken.IsCancellationRequested)
            {
                cancelledAt = clock.Elapsed;
                await grain.CancelAsync();
                continue;
            }
            if (cancelledAt is not null && clock.Elapsed - cancelledAt > CancelGrace)
                return new JobOutcome(status, true, clock.Elapsed);

            try
            {
                await Task.Delay(PollInterval, cancelledAt is null ? cancellationToken : CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: the next round cancels the job.
            }
        }
    }
}
