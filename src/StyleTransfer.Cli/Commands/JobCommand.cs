using System.CommandLine;
using StyleTransfer.Cli.Options;
using StyleTransfer.Contracts;

namespace StyleTransfer.Cli.Commands;

/// <summary>A command about one existing job of a running cluster: <c>status</c>, <c>watch</c>, <c>cancel</c>, <c>results</c>.</summary>
public abstract class JobCommand : Command
{
    readonly ClusterAddress _address = new(required: true);

    protected Argument<string> JobIdArgument { get; } = new("job-id") { Description = "The job's id (printed by submit)" };

    protected JobCommand(string name, string description) : base(name, description)
    {
        Arguments.Add(JobIdArgument);
        _address.AddTo(this);
        SetAction((parse, cancellationToken) => CliApp.GuardAsync(parse, async () =>
        {
            var target = _address.Bind(parse);
            await using var connection = await target.ConnectAsync("auto", cancellationToken);
            var job = connection.Client.GetGrain<IJobGrain>(parse.GetValue(JobIdArgument)!);
            return await RunAsync(parse, target, connection.Client, job, cancellationToken);
        }));
    }

    protected abstract Task<int> RunAsync(ParseResult parse, ClusterTarget target, IClusterClient client, IJobGrain job, CancellationToken cancellationToken);

    /// <summary>The job's status; a usage error when the cluster does not know the job.</summary>
    protected static async Task<JobStatus> StatusOfAsync(IJobGrain job, string jobId)
    {
        var status = await job.GetStatusAsync();
        return status.IsStarted ? status : throw new UsageException($"job {jobId}: no such job on this cluster");
    }
}
