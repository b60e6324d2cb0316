using System.CommandLine;
using Spectre.Console;
using StyleTransfer.Cli.Options;
using StyleTransfer.Cli.Running;
using StyleTransfer.Contracts;
using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Storage;

namespace StyleTransfer.Cli.Commands;

/// <summary>What <c>batch</c> and <c>image</c> share once they have their items: run the job and report it.</summary>
public static class JobLauncher
{
    /// <summary>Seconds between plain progress lines when stdout is not a terminal.</summary>
    public static TimeSpan PlainProgressInterval { get; set; } = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(ParseResult parse, ClusterOptions clusterOptions, ClusterTarget target,
        IReadOnlyList<JobItemSpec> items, GatysOptions options, string outputPrefix, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var jobId = clusterOptions.ExplicitJobId(parse) ?? JobIds.Derive(items, options, outputPrefix, target.Describe());
        var spec = new JobSpec(jobId, outputPrefix, items, options);
        try
        {
            spec.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }

        output.WriteLine($"Job {jobId}: {(items.Count == 1 ? "1 item" : $"{items.Count} items")}, {options.Backbone} {options.MaxSize} px × {options.Iterations} it, on {target.Describe()}");
        output.Flush();
        await using var connection = await target.ConnectAsync(options.Device, cancellationToken);
        if (cancellationToken.IsCancellationRequested) return ExitCodes.Cancelled;

        var watcher = new JobWatcher(connection.Client);
        await watcher.StartAsync(spec);
        var view = IsTerminal(output)
            ? (IProgressView)new LiveProgressView(AnsiConsole.Create(new AnsiConsoleSettings
            {
                // Spectre also wants stdin to be a terminal before it animates; a live display only needs stdout.
                Interactive = InteractionSupport.Yes,
                Out = new AnsiConsoleOutput(Console.Out),
            }))
            : new PlainProgressView(output, PlainProgressInterval);
        var outcome = await view.RunAsync(report => watcher.WatchAsync(spec, report, cancellationToken));
        JobSummary.Write(output, spec, outcome, ResultsWhere(target, connection.Store, spec, outcome.Status));
        return outcome.ExitCode;
    }

    /// <summary>Live display only on a real terminal: not when redirected, on CI, or with TERM=dumb.</summary>
    static bool IsTerminal(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && Environment.GetEnvironmentVariable("TERM") != "dumb";

    static string ResultsWhere(ClusterTarget target, IResultStore? store, JobSpec spec, JobStatus status)
    {
        if (target.OutIsLocalFolder) return target.Store!.Path!;
        var prefix = spec.OutputPrefix.Length > 0 ? $" under '{spec.OutputPrefix}/'" : "";
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
        try
        {
            ResultNames.Validate(prefix + "/x.png");
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{option} {value}: {e.Message}");
        }
        return prefix;
    }
}
