using System.CommandLine;
using System.Text.Json;
using StyleTransfer.Cli.Options;
using StyleTransfer.Cli.Running;
using StyleTransfer.Contracts;

namespace StyleTransfer.Cli.Commands;

/// <summary>
/// <c>styletransfer results JOB</c>: every item of a job, page by page: tab-separated
/// (state, output name, location or failure reason) or JSON lines (one <see cref="ItemStatus"/> per line).
/// </summary>
public sealed class ResultsCommand : JobCommand
{
    readonly Option<bool> _json = new("--json") { Description = "One JSON object per item (JSON lines)" };

    readonly Option<string?> _state = new Option<string?>("--state")
    {
        Description = "Only items in this state",
    }.AcceptOnlyFromAmong("queued", "running", "succeeded", "failed", "skipped", "cancelled");

    public ResultsCommand() : base("results", "List a job's items: state, output name, and result location or failure reason")
    {
        Options.Add(_json);
        Options.Add(_state);
    }

    protected override async Task<int> RunAsync(ParseResult parse, ClusterTarget target, IClusterClient client, IJobGrain job, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var status = await StatusOfAsync(job, parse.GetValue(JobIdArgument)!);
        bool json = parse.GetValue(_json);
        var state = parse.GetValue(_state) is string name ? Enum.Parse<ItemState>(name, ignoreCase: true) : (ItemState?)null;
        if (!json) output.WriteLine("state\toutput\tresult");
        for (int page = 0; page < status.Pages; page++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var item in await job.GetItemsAsync(page))
            {
                if (state is not null && item.State != state) continue;
                output.WriteLine(json
                    ? JsonSerializer.Serialize(item, JsonDefaults.Compact)
                    : $"{item.State.ToString().ToLowerInvariant()}\t{SafeText.Escape(item.OutputName)}\t{SafeText.Escape(item.FailureReason?.Split('\n')[0] ?? item.ResultLocation ?? "")}");
            }
        }
        return ExitCodes.Success;
    }
}
