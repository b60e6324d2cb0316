using System.CommandLine;
using StyleTransfer.Studies.Analysis;
using StyleTransfer.Studies.Formats;

namespace StyleTransfer.Cli.Commands;

/// <summary>
/// Where a study command finds the study: a study folder (argument, with <c>key/</c> and <c>public/</c>) or its key
/// folder alone (<c>--key</c>).
/// </summary>
sealed class StudyKeyOptions
{
    public readonly Argument<string?> Study = new("study")
    {
        Description = "The study folder (holding key/ and public/)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public readonly Option<string?> Key = new("--key")
    {
        Description = "The study's key folder (study.json, images.jsonl, trials.jsonl), when it is not <study>/key",
        HelpName = "folder",
    };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Study);
        command.Options.Add(Key);
    }

    /// <summary>The study folder (null when only --key was given) and the loaded key.</summary>
    public (string? StudyFolder, StudyKeyData Key) Load(ParseResult parse, ICollection<InputProblem> problems)
    {
        var study = parse.GetValue(Study);
        var key = parse.GetValue(Key);
        if (study is null && key is null) throw new UsageException("give the study folder or --key <folder>");
        if (study is not null && !Directory.Exists(study)) throw new UsageException($"{study}: no such study folder");
        var keyFolder = key ?? Path.Combine(study!, StudyLayout.Key);
        try
        {
            return (study, StudyKeyData.Load(keyFolder, problems));
        }
        catch (StudyInputException e)
        {
            throw new UsageException(key is null ? $"study {study}: {e.Message}" : $"--key {e.Message}");
        }
    }
}
