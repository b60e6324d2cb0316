using System.CommandLine;

namespace StyleTransfer.Cli.Commands;

/// <summary><c>styletransfer study …</c>: forced-choice user studies (create, analyze; simulate raters to check the analysis).</summary>
public sealed class StudyCommand : Command
{
    public StudyCommand() : base("study", "Forced-choice user studies: generate, blind and package them; analyse the answers")
    {
        Subcommands.Add(Create);
        Subcommands.Add(Analyze);
        Subcommands.Add(Simulate);
    }

    public StudyCreateCommand Create { get; } = new();

    public StudyAnalyzeCommand Analyze { get; } = new();

    public StudySimulateCommand Simulate { get; } = new();
}
