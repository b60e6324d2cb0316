using System.CommandLine;
using StyleTransfer.Cli.Options;
using StyleTransfer.Cli.Running;

namespace StyleTransfer.Cli.Commands;

/// <summary>
/// <c>styletransfer watch JOB</c>: live progress of a job until it finishes. Any number of clients can watch one job;
/// Ctrl+C stops watching, not the job (use <c>cancel</c> for that).
/// </summary>
public sealed class WatchCommand : JobCommand
{
    public WatchCommand() : base("watch", "Follow a job's progress until it finishes (Ctrl+C stops watching, not the job)")
    {
    }

    protected override async Task<int> RunAsync(ParseResult parse, ClusterTarget target, IClusterClient client, Contracts.IJobGrain job, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var jobId = parse.GetValue(JobIdArgument)!;
        await StatusOfAsync(job, jobId);
        var watcher = new JobWatcher(client) { CancelsOnInterrupt = false };
        var outcome = await JobLauncher.WatchAsync(output, watcher, jobId, null, cancellationToken);
        JobSummary.Write(output, jobId, [], outcome, JobLauncher.ResultsWhere(target, null, "", outcome.Status));
        return cancellationToken.IsCancellationRequested && !outcome.Status.IsComplete ? ExitCodes.Cancelled : outcome.ExitCode;
    }
}
