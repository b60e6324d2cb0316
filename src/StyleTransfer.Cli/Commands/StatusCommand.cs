using System.CommandLine;
using System.Text.Json;
using StyleTransfer.Cli.Options;
using StyleTransfer.Cli.Running;
using StyleTransfer.Contracts;

namespace StyleTransfer.Cli.Commands;

/// <summary><c>styletransfer status JOB</c>: counts, nodes and failures of a job, as text or JSON.</summary>
public sealed class StatusCommand : JobCommand
{
    readonly Option<bool> _json = new("--json") { Description = "Print the status as one JSON object (counts, nodes, listed items)" };

    public StatusCommand() : base("status", "Show a job's counts, the cluster's nodes and failed items")
    {
        Options.Add(_json);
    }

    protected override async Task<int> RunAsync(ParseResult parse, ClusterTarget target, IClusterClient client, IJobGrain job, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var s = await StatusOfAsync(job, parse.GetValue(JobIdArgument)!);
        if (parse.GetValue(_json))
        {
            output.WriteLine(JsonSerializer.Serialize(s, JsonDefaults.Indented));
            return ExitCodes.Success;
        }
        var state = s.Cancelled ? "cancelled" : s.IsComplete ? "finished" : "running";
        output.WriteLine($"Job {s.JobId}: {state}, started {s.StartedAt:u}{(s.FinishedAt is { } f ? $", finished {f:u}" : "")}");
        output.WriteLine($"Items: {s.Total}{(s.SourceExhausted ? "" : "+ (manifest still being read)")} in {s.Pages} pages: " +
                         $"{s.Succeeded} succeeded, {s.Skipped} skipped, {s.Failed} failed{ProgressText.Cancelled(s)}, {s.Running} running, {s.Queued} queued");
        if (s.AverageSecondsPerItem is double average) output.WriteLine($"Mean time per computed item: {average:0.00} s");
        if (s.EstimateRemaining() is TimeSpan left && !s.IsComplete) output.WriteLine($"Estimated time left: {left:hh\\:mm\\:ss}");
        output.WriteLine($"Nodes ({s.Nodes.Count}):");
        foreach (var node in s.Nodes) output.WriteLine($"  {node.NodeId}  {node.Device}  {node.InFlight}/{node.Capacity} busy");
        var failed = s.Items.Where(i => i.State == ItemState.Failed).ToList();
        if (failed.Count > 0)
        {
            output.WriteLine($"Failed items{(failed.Count < s.Failed ? $" (first {failed.Count} of {s.Failed})" : "")}:");
            foreach (var item in failed) output.WriteLine($"  {SafeText.Escape(item.OutputName)}: {SafeText.Escape(item.FailureReason?.Split('\n')[0])}");
        }
        return ExitCodes.Success;
    }
}
