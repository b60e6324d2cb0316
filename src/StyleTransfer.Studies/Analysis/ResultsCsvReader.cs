using System.Text.Json;
using CsvHelper;
using StyleTransfer.Studies.Formats;

namespace StyleTransfer.Studies.Analysis;

/// <summary>
/// Reads a crowdsourcing platform's results CSV: one row per submitted assignment, with the columns
/// <c>WorkerId</c>, <c>AssignmentId</c> and <c>Answer.answers</c> (the <see cref="AssignmentAnswers"/> JSON the page
/// submitted). Malformed rows, rows without answers and rows whose JSON does not parse are reported with their line
/// and skipped. A row whose <c>AssignmentStatus</c> is <c>Rejected</c> is skipped silently.
/// </summary>
public static class ResultsCsvReader
{
    public const string WorkerColumn = "WorkerId";
    public const string AssignmentColumn = "AssignmentId";
    public const string AnswersColumn = "Answer.answers";
    const string StatusColumn = "AssignmentStatus";

    public static List<LoadedAnswers> Read(string path, ICollection<InputProblem> problems)
    {
        if (!File.Exists(path))
        {
            problems.Add(new InputProblem(path, null, Directory.Exists(path) ? "is a folder; give a results CSV file" : "no such file"));
            return [];
        }
        var loaded = new List<LoadedAnswers>();
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = record => problems.Add(new InputProblem(path, record.LineNumber, $"malformed CSV row ({record.Reason}); skipped")),
        };
        try
        {
            using var csv = CsvReader.FromFile(path, options);
            if (!csv.TryGetFieldIndex(AnswersColumn, out int answersIndex))
            {
                problems.Add(new InputProblem(path, 1, $"no \"{AnswersColumn}\" column (columns: {string.Join(", ", csv.Headers.ToArray().Take(12))})"));
                return [];
            }
            int workerIndex = csv.TryGetFieldIndex(WorkerColumn, out int w) ? w : -1;
            int assignmentIndex = csv.TryGetFieldIndex(AssignmentColumn, out int a) ? a : -1;
            int statusIndex = csv.TryGetFieldIndex(StatusColumn, out int s) ? s : -1;
            while (csv.Read())
            {
                long line = csv.LineNumber;
                if (answersIndex >= csv.FieldCount)
                {
                    problems.Add(new InputProblem(path, line, $"row has {csv.FieldCount} fields, no \"{AnswersColumn}\"; skipped"));
                    continue;
                }
                string Field(int index) => index >= 0 && index < csv.FieldCount ? csv.GetString(index).Trim() : "";
                if (Field(statusIndex).Equals("Rejected", StringComparison.OrdinalIgnoreCase)) continue;
                var json = Field(answersIndex);
                var worker = Field(workerIndex);
                var platformAssignment = Field(assignmentIndex);
                var source = platformAssignment.Length > 0 ? $"{path} (assignment {platformAssignment})" : path;
                if (json.Length == 0)
                {
                    problems.Add(new InputProblem(path, line, $"empty \"{AnswersColumn}\"; skipped"));
                    continue;
                }
                AssignmentAnswers? answers;
                try
                {
                    answers = JsonSerializer.Deserialize<AssignmentAnswers>(json, StudyJson.Options);
                }
                catch (JsonException e)
                {
                    problems.Add(new InputProblem(path, line, $"\"{AnswersColumn}\" is not assignment answers JSON ({e.Message}); skipped"));
                    continue;
                }
                if (AnswersValidation.Problem(answers) is { } problem)
                {
                    problems.Add(new InputProblem(path, line, problem + "; skipped"));
                    continue;
                }
                var rater = !string.IsNullOrWhiteSpace(answers!.Rater) ? answers.Rater
                    : worker.Length > 0 ? worker : $"anonymous:{Path.GetFileName(path)}:{line}";
                loaded.Add(new LoadedAnswers(source, line, rater, answers));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CsvFormatException)
        {
            problems.Add(new InputProblem(path, (e as CsvFormatException)?.LineNumber, $"cannot read the CSV ({e.Message})"));
        }
        return loaded;
    }
}
