using System.CommandLine;
using StyleTransfer.Cli.Options;

namespace StyleTransfer.Cli.Commands;

/// <summary><c>styletransfer cancel JOB</c>: queued items fail with "cancelled", running ones stop; finished outputs stay.</summary>
public sealed class CancelCommand : JobCommand
{
    public CancelCommand() : base("cancel", "Cancel a job: queued items are not run, running ones stop, finished outputs stay")
    {
    }

    protected override async Task<int> RunAsync(ParseResult parse, ClusterTarget target, IClusterClient client, Contracts.IJobGrain job, CancellationToken cancellationToken)
    {
        var jobId = parse.GetValue(JobIdArgument)!;
        var before = await StatusOfAsync(job, jobId);
        if (before.IsComplete)
        {
            parse.InvocationConfiguration.Output.WriteLine($"Job {jobId} already finished; nothing to cancel.");
            return ExitCodes.Success;
        }
        await job.CancelAsync();
        var after = await job.GetStatusAsync();
        parse.InvocationConfiguration.Output.WriteLine(
            $"Job {jobId} cancelled: {after.Succeeded} succeeded, {after.Skipped} skipped, {after.Failed} failed, {after.Running} still stopping.");
        return ExitCodes.Success;
    }
}
