using System.Text.Json;
using StyleTransfer.Studies.Analysis;
using StyleTransfer.Studies.Formats;

namespace StyleTransfer.Studies.Report;

/// <summary>
/// Writes an analysis into a folder: <c>report.md</c>, <c>analysis.json</c> (every number of the report),
/// <c>plots/scores-&lt;question&gt;.png</c> and <c>plots/winrates-&lt;question&gt;.png</c>, and
/// <c>contact/&lt;condition&gt;.png</c> when the study's public images are at hand.
/// </summary>
public static class ReportWriter
{
    public const string ReportFile = "report.md";
    public const string JsonFile = "analysis.json";

    /// <summary>What was written: the report's path and the other files, relative to the folder.</summary>
    public sealed record Written(string Report, IReadOnlyList<string> Files);

    /// <param name="imagesFolder">The study's <c>public/images</c>, or null when it is not available.</param>
    public static Written Write(AnalysisResult result, StudyKeyData key, string? imagesFolder, string folder)
    {
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        var conditions = result.Definition.Conditions.Select(c => c.Name).ToList();

        var plots = new Dictionary<string, (string, string)>();
        Directory.CreateDirectory(Path.Combine(folder, "plots"));
        foreach (var question in result.Questions.Where(q => q.Answers > 0))
        {
            var name = FileNames.Safe(question.Question);
            var scores = $"plots/scores-{name}.png";
            var winRates = $"plots/winrates-{name}.png";
            ReportPlots.Scores(question, result.Reference, result.Options.Confidence, Path.Combine(folder, scores));
            ReportPlots.WinRates(question, conditions, Path.Combine(folder, winRates));
            plots[question.Question] = (scores, winRates);
            files.AddRange([scores, winRates]);
        }

        var sheets = new Dictionary<string, string?>();
        string? note = null;
        var images = imagesFolder is null ? [] : ContactSheet.IndexImages(imagesFolder);
        if (images.Count == 0)
            note = imagesFolder is null
                ? "The study's public images are not available (only its key was given), so there are no contact sheets."
                : $"No images found in {imagesFolder}, so there are no contact sheets.";
        else
        {
            Directory.CreateDirectory(Path.Combine(folder, "contact"));
            foreach (var condition in conditions)
            {
                var sheet = $"contact/{FileNames.Safe(condition)}.png";
                int shown = ContactSheet.Write(condition, result.Definition, key.Images, images, Path.Combine(folder, sheet));
                sheets[condition] = shown > 0 ? sheet : null;
                if (shown > 0) files.Add(sheet);
            }
            if (result.Definition.Contents.Count > ContactSheet.MaxRows || result.Definition.Styles.Count > ContactSheet.MaxColumns)
                note = $"Contact sheets show the first {ContactSheet.MaxRows} contents and {ContactSheet.MaxColumns} styles.";
        }

        var markdown = MarkdownReport.Build(result, new MarkdownReport.Links(plots, sheets, note, !ReportPlots.FontsAvailable));
        var reportPath = Path.Combine(folder, ReportFile);
        File.WriteAllText(reportPath, markdown);
        File.WriteAllText(Path.Combine(folder, JsonFile), JsonSerializer.Serialize(AnalysisJson.From(result), AnalysisJson.Options));
        files.Add(JsonFile);
        return new Written(reportPath, files);
    }
}
