using System.Text.Json;
using StyleTransfer.Studies.Formats;

namespace StyleTransfer.Studies.Analysis;

/// <summary>
/// Reads the JSON files the assignment pages save: a file holds one <see cref="AssignmentAnswers"/> object or an array
/// of them; a folder is searched for <c>*.json</c> files (subfolders included). A file that is not such JSON is
/// reported and skipped.
/// </summary>
public static class AnswerFileReader
{
    public static List<LoadedAnswers> Read(string fileOrFolder, ICollection<InputProblem> problems)
    {
        IEnumerable<string> files;
        if (File.Exists(fileOrFolder)) files = [fileOrFolder];
        else if (Directory.Exists(fileOrFolder))
            files = Directory.EnumerateFiles(fileOrFolder, "*.json", SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal);
        else
        {
            problems.Add(new InputProblem(fileOrFolder, null, "no such file or folder"));
            return [];
        }
        var loaded = new List<LoadedAnswers>();
        foreach (var file in files) loaded.AddRange(ReadFile(file, problems));
        return loaded;
    }

    static IEnumerable<LoadedAnswers> ReadFile(string file, ICollection<InputProblem> problems)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new InputProblem(file, null, $"cannot read ({e.Message})"));
            return [];
        }
        var trimmed = text.TrimStart();
        try
        {
            if (trimmed.StartsWith('['))
            {
                var sets = JsonSerializer.Deserialize<List<AssignmentAnswers?>>(text, StudyJson.Options) ?? [];
                var result = new List<LoadedAnswers>();
                for (int i = 0; i < sets.Count; i++)
                {
                    var source = $"{file}[{i}]";
                    if (AnswersValidation.Problem(sets[i]) is { } problem) problems.Add(new InputProblem(source, null, problem));
                    else result.Add(new LoadedAnswers(source, null, RaterOf(sets[i]!, file), sets[i]!));
                }
                return result;
            }
            var answers = JsonSerializer.Deserialize<AssignmentAnswers>(text, StudyJson.Options);
            if (AnswersValidation.Problem(answers) is { } error)
            {
                problems.Add(new InputProblem(file, null, error));
                return [];
            }
            return [new LoadedAnswers(file, null, RaterOf(answers!, file), answers!)];
        }
        catch (JsonException e)
        {
            problems.Add(new InputProblem(file, e.LineNumber + 1, $"not assignment answers JSON ({e.Message})"));
            return [];
        }
    }

    static string RaterOf(AssignmentAnswers answers, string file) =>
        string.IsNullOrWhiteSpace(answers.Rater) ? $"anonymous:{Path.GetFileName(file)}:{answers.Assignment}" : answers.Rater;
}
