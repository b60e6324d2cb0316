using System.CommandLine;
using Spectre.Console;
using StyleTransfer.Cli.Options;
using StyleTransfer.Cli.Running;
using StyleTransfer.Contracts;
using StyleTransfer.Grains;
using StyleTransfer.Storage;

namespace StyleTransfer.Cli.Commands;

/// <summary>What <c>batch</c> and <c>image</c> share once they have their items: run the job and report it.</summary>
public static class JobLauncher
{
    /// <summary>Seconds between plain progress lines when stdout is not a terminal.</summary>
    public static TimeSpan PlainProgressInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The job of these items: its id (--job-id, else derived from the inputs), validated.</summary>
    public static JobSpec Plan(ParseResult parse, ClusterOptions clusterOptions, ClusterTarget target,
        IReadOnlyList<JobItemSpec> items, MethodSpec options, string outputPrefix)
    {
        var jobId = clusterOptions.ExplicitJobId(parse) ?? JobIds.Derive(items, options, outputPrefix, target.Describe());
        return Validated(new JobSpec(jobId, outputPrefix, items, options) { Overwrite = parse.GetValue(clusterOptions.Overwrite) });
    }

    public static JobSpec Validated(JobSpec spec)
    {
        try
        {
            spec.Validate();
            MethodChecks.Validate(spec);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        return spec;
    }

    public static string Describe(JobSpec spec) =>
        $"Job {spec.JobId}: {(spec.ManifestPath is not null ? $"items of manifest {spec.ManifestPath}" : spec.Items.Count == 1 ? "1 item" : $"{spec.Items.Count} items")}, " +
        $"{spec.Options.Method} {spec.Options.Shared.Backbone} {spec.Options.Shared.MaxSize} px × {MethodSpecMapping.ToEngine(spec.Options).TotalIterations()} it";

    public static async Task<int> RunAsync(ParseResult parse, ClusterOptions clusterOptions, ClusterTarget target,
        JobSpec spec, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var options = spec.Options;
        output.WriteLine($"{Describe(spec)}, on {target.Describe()}");
        output.Flush();
        await using var connection = await target.ConnectAsync(options.Shared.Device, cancellationToken);
        if (cancellationToken.IsCancellationRequested) return ExitCodes.Cancelled;

        var watcher = new JobWatcher(connection.Client);
        await watcher.StartAsync(spec);
        var outcome = await WatchAsync(output, watcher, spec.JobId, spec, cancellationToken);
        JobSummary.Write(output, spec.JobId, spec.Items, outcome, ResultsWhere(target, connection.Store, spec.OutputPrefix, outcome.Status));
        return outcome.ExitCode;
    }

    /// <summary>Watches a job with the live view on a terminal, plain lines otherwise.</summary>
    public static Task<JobOutcome> WatchAsync(TextWriter output, JobWatcher watcher, string jobId, JobSpec? spec, CancellationToken cancellationToken)
    {
        var view = IsTerminal(output)
            ? (IProgressView)new LiveProgressView(AnsiConsole.Create(new AnsiConsoleSettings
            {
                // Spectre also wants stdin to be a terminal before it animates; a live display only needs stdout.
                Interactive = InteractionSupport.Yes,
                Out = new AnsiConsoleOutput(Console.Out),
            }))
            : new PlainProgressView(output, PlainProgressInterval);
        return view.RunAsync(report => watcher.WatchAsync(jobId, spec, report, cancellationToken));
    }

    /// <summary>Live display only on a real terminal: not when redirected, on CI, or with TERM=dumb.</summary>
    static bool IsTerminal(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && Environment.GetEnvironmentVariable("TERM") != "dumb";

    public static string ResultsWhere(ClusterTarget target, IResultStore? store, string outputPrefix, JobStatus status)
    {
        if (target.OutIsLocalFolder) return target.Store!.Path!;
        var prefix = outputPrefix.Length > 0 ? $" under '{outputPrefix}/'" : "";
        if (store is not null) return $"{store.Describe()}{prefix}";
        var example = status.Items.FirstOrDefault(i => i.ResultLocation is not null)?.ResultLocation;
        return $"the cluster's result store{prefix}{(example is null ? "" : $", e.g. {example}")}";
    }

    /// <summary>
    /// --out as a result name prefix (for blob stores and running clusters): relative, '/'-separated, no '..'.
    /// "." or "" mean the store root.
    /// </summary>
    public static string NamePrefix(string option, string value)
    {
        var prefix = value.Replace('\\', '/').Trim().Trim('/');
        while (prefix.StartsWith("./", StringComparison.Ordinal)) prefix = prefix[2..];
        if (prefix is "." or "") return "";
        if (value.StartsWith('/') || Path.IsPathRooted(value))
            throw new UsageException($"{option} {value}: with --cluster or --store azure, {option} is a name prefix inside the result store; give a relative name");
        if (ResultNames.Problem(prefix + "/x.png") is string problem)
            throw new UsageException($"{option} {value}: {problem}");
        return prefix;
    }
}
