using System.Globalization;
using System.Text;
using StyleTransfer.Studies.Analysis;

namespace StyleTransfer.Studies.Report;

/// <summary>
/// The text of <c>report.md</c>: summary, per question the Bradley–Terry scores and pair win rates (tables and
/// plots) and the agreement, the raters kept and rejected with reasons, contact sheets, input problems, and how the
/// numbers were computed.
/// </summary>
public static class MarkdownReport
{
    /// <summary>The files the report links to, relative to the report's folder.</summary>
    public sealed record Links(
        IReadOnlyDictionary<string, (string Scores, string WinRates)> Plots,
        IReadOnlyDictionary<string, string?> ContactSheets,
        string? ContactSheetNote,
        bool FontsMissing);

    const int MaxProblems = 200;

    public static string Build(AnalysisResult result, Links links)
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.AppendLine(text.ToString(CultureInfo.InvariantCulture));
        var definition = result.Definition;
        var options = result.Options;
        var criteria = options.Criteria;
        string level = (options.Confidence * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
        int kept = result.Raters.Count(r => r.Kept);

        Line($"# Study analysis: {Cell(definition.StudyId)}");
        md.AppendLine();
        Line($"- Conditions: {string.Join(", ", definition.Conditions.Select(c => $"`{c.Name}` ({c.Method})"))}; scores relative to `{result.Reference}`.");
        Line($"- Answer sets read: {result.AnswerSets}; answers matched to the key: {result.Answers}.");
        Line($"- Raters: {result.Raters.Count}, kept {kept}, rejected {result.Raters.Count - kept} ({Rules(criteria)}).");
        Line($"- Input problems: {result.Problems.Count}{(result.Problems.Count > 0 ? " (listed under \"Input problems\"; those inputs were skipped)" : "")}.");
        if (links.FontsMissing)
            md.AppendLine("- Warning: no fonts were found when drawing the plots, so they carry no text (install `fonts-dejavu-core`).");
        md.AppendLine();

        foreach (var question in result.Questions)
        {
            Line($"## Question `{question.Question}`: {Cell(question.Text)}");
            md.AppendLine();
            Line($"{question.Answers} answers of {question.Raters} kept raters to test trials (gold trials and repeats left out).");
            md.AppendLine();
            if (question.Answers == 0)
            {
                md.AppendLine("No answers: nothing to estimate.");
                md.AppendLine();
                continue;
            }
            md.AppendLine("### Bradley–Terry scores");
            md.AppendLine();
            if (links.Plots.TryGetValue(question.Question, out var plots)) Line($"![Bradley–Terry scores]({plots.Scores})");
            md.AppendLine();
            Line($"| condition | score | {level} interval | chosen / compared |");
            md.AppendLine("|---|---:|---|---:|");
            foreach (var s in question.Scores.OrderByDescending(s => double.IsNaN(s.Score) ? double.NegativeInfinity : s.Score))
                Line($"| `{Cell(s.Condition)}`{(s.Condition == result.Reference ? " (reference)" : "")} | {Number(s.Score)} | {Interval(s.Low, s.High, s.Condition == result.Reference)} | {s.Wins} / {s.Comparisons} |");
            md.AppendLine();
            Line($"Scores are log-strengths β: condition i is chosen over j with probability 1 / (1 + e^(βj − βi)). Intervals: percentile bootstrap over raters ({options.BootstrapResamples} resamples, seed {options.Seed}).");
            if (question.Regularized)
                md.AppendLine("Some condition was never chosen (or always chosen) within its comparisons, so no finite maximum-likelihood estimate exists; 0.5 virtual wins each way were added to every compared pair.");
            if (question.Scores.Any(s => double.IsNaN(s.Score)))
                md.AppendLine("Conditions with score n/a were never compared, directly or through others, with the reference.");
            md.AppendLine();

            md.AppendLine("### Pair win rates");
            md.AppendLine();
            if (plots.WinRates is not null) Line($"![Win rates]({plots.WinRates})");
            md.AppendLine();
            Line($"| A | B | A chosen | comparisons | rate of A | {level} Wilson interval |");
            md.AppendLine("|---|---|---:|---:|---:|---|");
            foreach (var p in question.Pairs)
                Line($"| `{Cell(p.A)}` | `{Cell(p.B)}` | {p.AWins} | {p.Total} | {Number(p.Rate)} | {Interval(p.Low, p.High, false)} |");
            md.AppendLine();

            md.AppendLine("### Agreement between raters");
            md.AppendLine();
            var a = question.Agreement;
            if (a.Units == 0)
                md.AppendLine("No comparison (content × style × pair) was answered by more than one kept rater, so agreement cannot be measured.");
            else
                Line($"Krippendorff's α (nominal) = {Number(a.Alpha)} over {a.Units} comparisons answered more than once ({a.Values} answers); pairs of answers agreeing: {Number(a.ObservedAgreement)}. α = 1: all raters choose alike; 0: no more agreement than coin flips; the BT probabilities bound it (a 75:25 preference gives about 0.25).");
            md.AppendLine();
        }

        md.AppendLine("## Raters");
        md.AppendLine();
        md.AppendLine("| rater | assignments | answers | gold correct | repeats consistent | median s | decision |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var r in result.Raters.OrderBy(r => r.Kept).ThenBy(r => r.Rater, StringComparer.Ordinal))
            Line($"| {Cell(r.Rater)} | {r.Assignments} | {r.Answers} | {Fraction(r.GoldCorrect, r.GoldTotal)} | {Fraction(r.RepeatsConsistent, r.RepeatPairs)} | {r.MedianSeconds:0.0} | {(r.Kept ? "kept" : "**rejected**: " + Cell(r.Reason ?? ""))} |");
        md.AppendLine();

        md.AppendLine("## Contact sheets");
        md.AppendLine();
        if (links.ContactSheetNote is not null) md.AppendLine(links.ContactSheetNote).AppendLine();
        if (links.ContactSheets.Values.Any(s => s is not null))
            md.AppendLine("Rows: contents in study order (content image on the left); columns: styles (style image on top).").AppendLine();
        foreach (var (condition, sheet) in links.ContactSheets)
            md.AppendLine(sheet is null ? $"- `{Cell(condition)}`: none of its images was found." : $"### `{Cell(condition)}`\n\n![{Cell(condition)}]({sheet})\n");

        if (result.Problems.Count > 0)
        {
            md.AppendLine("## Input problems");
            md.AppendLine();
            foreach (var problem in result.Problems.Take(MaxProblems)) md.AppendLine($"- {Cell(problem.ToString())}");
            if (result.Problems.Count > MaxProblems) Line($"- … and {result.Problems.Count - MaxProblems} more");
            md.AppendLine();
        }

        md.AppendLine("## Method");
        md.AppendLine();
        Line($"- Raters are rejected when they answer gold trials correctly less often than {criteria.MinGoldAccuracy:0.##}, or answer repeats (the same comparison shown again later with sides swapped) consistently less often than {criteria.MinConsistency:0.##}{(criteria.MinMedianSeconds > 0 ? $", or their median answer time is below {criteria.MinMedianSeconds:0.##} s" : "")}. A rater always picking the same side is consistent on no repeat.");
        md.AppendLine("- Statistics use the kept raters' answers to test trials. Win rates: Wilson score intervals. Bradley–Terry: maximum likelihood by Hunter's (2004) MM algorithm; raters are the bootstrap's resampling unit, since one rater's answers are not independent.");
        md.AppendLine("- Agreement: Krippendorff's α for nominal data (Krippendorff 2011); a unit is one comparison (content × style × pair of conditions), an answer is coded by which of the two conditions it chose, and each unit is also counted with the codes swapped, since which condition is named first is arbitrary. Chance agreement is then that of a coin flip and α ≈ 2·agreement − 1 (Kendall's coefficient of agreement u for paired comparisons).");
        return md.ToString();
    }

    static string Rules(QualityCriteria c) =>
        string.Create(CultureInfo.InvariantCulture, $"gold ≥ {c.MinGoldAccuracy:0.##} correct, repeats ≥ {c.MinConsistency:0.##} consistent")
        + (c.MinMedianSeconds > 0 ? string.Create(CultureInfo.InvariantCulture, $", median time ≥ {c.MinMedianSeconds:0.##} s") : "");

    static string Number(double value) => double.IsFinite(value) ? value.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    static string Interval(double low, double high, bool reference) =>
        reference ? "(fixed)" : double.IsFinite(low) && double.IsFinite(high) ? $"[{Number(low)}, {Number(high)}]" : "n/a";

    static string Fraction(int part, int total) => total == 0 ? "–" : $"{part}/{total}";

    static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ").Replace("\r", "");
}
