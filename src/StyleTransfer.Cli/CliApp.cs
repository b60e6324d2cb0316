using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using StyleTransfer.Cli.Commands;

namespace StyleTransfer.Cli;

/// <summary>The <c>styletransfer</c> command line: builds the commands and runs them with the given writers.</summary>
public static class CliApp
{
    public static RootCommand Build()
    {
        var batch = new BatchCommand();
        var image = new ImageCommand();
        var submit = new SubmitCommand();
        var study = new StudyCommand();
        var dataset = new DatasetCommand();
        var train = new TrainCommand();
        var root = new RootCommand(
            "StyleTransfer: neural style transfer (Gatys et al.) of image collections on an Orleans cluster. " +
            "Without --cluster, an in-process silo runs the job on this machine.")
        {
            batch,
            image,
            submit,
            dataset,
            new StatusCommand(),
            new WatchCommand(),
            new CancelCommand(),
            new ResultsCommand(),
            new EvalCommand(),
            study,
            train,
        };
        var examples = new Dictionary<Command, string>
        {
            [root] = "Examples:\n  styletransfer batch --content photos/ --style starry.jpg --out out/\n" +
                     "  styletransfer image photo.jpg --style starry.jpg --out photo-starry.png\n" +
                     "  styletransfer submit --manifest /data/items.jsonl --out run-1 --cluster 10.0.0.5:30000\n" +
                     "  styletransfer dataset --content train/ --styles paintings/ --out stylized/ --content-size 256 --crop center\n" +
                     "  styletransfer train --style starry.jpg --content photos/ --out models/starry.model --network small\n" +
                     "  styletransfer watch <job-id> --cluster 10.0.0.5:30000\n\n" +
                     "Run 'styletransfer <command> --help' for the options of a command.",
            [batch] = BatchCommand.Examples,
            [image] = ImageCommand.Examples,
            [submit] = SubmitCommand.Examples,
            [dataset] = DatasetCommand.Examples,
            [train] = TrainCommand.Examples,
            [study.Create] = StudyCreateCommand.Examples,
            [study.Analyze] = StudyAnalyzeCommand.Examples,
            [study.Simulate] = StudySimulateCommand.Examples,
        };
        foreach (var help in root.Options.OfType<HelpOption>())
            if (help.Action is HelpAction inner)
                help.Action = new HelpWithExamples(inner, examples);
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; parse errors print one line each (no help dump) and exit 1.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null,
        CancellationToken cancellationToken = default)
    {
        var parse = Build().Parse(args);
        if (parse.Action is ParseErrorAction errorAction) errorAction.ShowHelp = false;
        var configuration = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            // Ctrl+C is handled by the caller (Program), which cancels cancellationToken so the job is cancelled cleanly.
            ProcessTerminationTimeout = null,
        };
        return parse.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>Runs a command body, turning usage and setup errors into one line on stderr and exit code 1.</summary>
    public static async Task<int> GuardAsync(ParseResult parse, Func<Task<int>> body)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return await body();
        }
        catch (UsageException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("STYLETRANSFER_DEBUG") is null)
        {
            error.WriteLine($"error: {e.GetBaseException().Message} ({e.GetType().Name}; set STYLETRANSFER_DEBUG=1 for details)");
            return ExitCodes.Usage;
        }
    }

    sealed class HelpWithExamples(HelpAction inner, IReadOnlyDictionary<Command, string> examples) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            int code = inner.Invoke(parseResult);
            if (examples.TryGetValue(parseResult.CommandResult.Command, out var text))
                parseResult.InvocationConfiguration.Output.WriteLine(text);
            return code;
        }
    }
}
