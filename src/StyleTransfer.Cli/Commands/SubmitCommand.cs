using System.CommandLine;
using StyleTransfer.Cli.Options;
using StyleTransfer.Contracts;
using StyleTransfer.Grains;

namespace StyleTransfer.Cli.Commands;

/// <summary>
/// <c>styletransfer submit</c>: starts a job on a running cluster and returns at once. Items as for <c>batch</c>,
/// or a JSON-lines manifest that the silos read page by page (for jobs of any size). The job is durable: it runs
/// on whether or not any client stays connected; <c>status</c>, <c>watch</c>, <c>cancel</c> and <c>results</c> find
/// it by its id.
/// </summary>
public sealed class SubmitCommand : BatchCommand
{
    public new const string Examples = """
        Examples:
          styletransfer submit --content /data/photos --style /data/starry.jpg --out run-1 --cluster 10.0.0.5:30000 --job-id run-1
          styletransfer submit --manifest /data/imagenet-val.jsonl --out stylized-val --cluster 10.0.0.5:30000 --size 224 --iterations 200

        A manifest has one JSON object per line: {"content": "a.jpg", "style": "s.jpg", "output": "a__s.png"} ("id",
        "styles": [{"path": ..., "weight": ...}], "contentMask", "styleMask" optional; relative paths are relative to
        the manifest). Paths must be readable by every silo (e.g. a shared volume at /data). Prints the job id.
        """;

    readonly Option<string?> _manifest = new("--manifest", "-m")
    {
        Description = "JSON-lines manifest of the items, as a path the silos can read (instead of --content/--style)",
        HelpName = "file",
    };

    public SubmitCommand() : base("submit", "Start a job on a running cluster and return its id (without waiting)")
    {
        Options.Add(_manifest);
        _style.Required = false; // a manifest names its own styles
        Validators.Add(result =>
        {
            if (result.GetResult(_cluster.Cluster) is null) result.AddError("--cluster: submit needs a running cluster's gateway (host:port)");
        });
    }

    protected override JobSpec? SpecWithoutContent(ParseResult parse, MethodSpec options, string prefix, ClusterTarget target)
    {
        var manifest = parse.GetValue(_manifest);
        if (manifest is null) return null;
        if (parse.GetResult(_content) is not null || parse.GetResult(_style) is not null)
            throw new UsageException("--manifest: a manifest names its content and style images; drop --content and --style");
        var jobId = _cluster.ExplicitJobId(parse) ?? Running.JobIds.Derive([], options, prefix, $"{target.Describe()} {manifest}");
        return JobLauncher.Validated(new JobSpec(jobId, prefix, Array.Empty<JobItemSpec>(), options)
        {
            ManifestPath = manifest,
            Overwrite = parse.GetValue(_cluster.Overwrite),
        });
    }

    protected override async Task<int> RunJobAsync(ParseResult parse, ClusterTarget target, JobSpec spec, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        await using var connection = await target.ConnectAsync(spec.Options.Shared.Device, cancellationToken);
        await new Running.JobWatcher(connection.Client).StartAsync(spec);
        output.WriteLine($"{JobLauncher.Describe(spec)}: submitted to {target.Describe()}");
        output.WriteLine($"Follow it with: styletransfer watch {spec.JobId} --cluster {string.Join(",", target.Gateways!)}");
        output.WriteLine(spec.JobId);
        return ExitCodes.Success;
    }
}
