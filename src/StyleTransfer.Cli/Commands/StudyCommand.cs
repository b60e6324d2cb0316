using System.CommandLine;

namespace StyleTransfer.Cli.Commands;

/// <summary><c>styletransfer study</c>: forced-choice user studies (create; analyze).</summary>
public sealed class StudyCommand : Command
{
    public StudyCommand() : base("study", "Forced-choice user studies: generate, blind and package them")
    {
        Subcommands.Add(Create);
    }

    public StudyCreateCommand Create { get; } = new();
}
