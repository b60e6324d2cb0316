using System.CommandLine;

namespace StyleTransfer.Cli.Commands;

/// <summary><c>styletransfer study …</c>: forced-choice user studies (analysis of answers, simulated raters).</summary>
public sealed class StudyCommand : Command
{
    public StudyCommand() : base("study", "Forced-choice user studies: analyse answers (and simulate raters to check the analysis)")
    {
        Subcommands.Add(Analyze);
        Subcommands.Add(Simulate);
    }

    public StudyAnalyzeCommand Analyze { get; } = new();

    public StudySimulateCommand Simulate { get; } = new();
}
