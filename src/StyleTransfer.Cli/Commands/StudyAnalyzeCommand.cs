using System.CommandLine;
using System.Globalization;
using StyleTransfer.Studies.Analysis;
using StyleTransfer.Studies.Formats;
using StyleTransfer.Studies.Report;

namespace StyleTransfer.Cli.Commands;

/// <summary>
/// <c>styletransfer study analyze</c>: reads a study's answers (assignment pages' JSON files, crowdsourcing results
/// CSVs), rejects careless raters, and writes a Markdown report with plots, contact sheets and analysis.json.
/// </summary>
public sealed class StudyAnalyzeCommand : Command
{
    public const string Examples = """
        Examples:
          styletransfer study analyze study/ --answers answers/ --out study/analysis
          styletransfer study analyze study/ --results batch-results.csv --min-gold 0.9
          styletransfer study analyze --key study/key --answers a1.json --answers a2.json --out report/

        Answers naming trials the key lacks, malformed files and CSV rows are reported (file and line) and skipped.
        Exit codes: 0 analysed, 2 analysed but some inputs were skipped, 1 usage error or no usable answers.
        """;

    readonly StudyKeyOptions _study = new();

    readonly Option<string[]> _answers = new("--answers", "-a")
    {
        Description = "Answers JSON saved by an assignment page, or a folder of them (repeatable)",
        HelpName = "file|folder",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    readonly Option<string[]> _results = new("--results", "-r")
    {
        Description = "A crowdsourcing platform's results CSV (WorkerId, AssignmentId, Answer.answers columns; repeatable)",
        HelpName = "results.csv",
        Arity = ArgumentArity.OneOrMore,
    };

    readonly Option<string?> _out = new("--out", "-o")
    {
        Description = "Folder for report.md, analysis.json, plots/ and contact/ (default: <study>/analysis)",
        HelpName = "folder",
    };

    readonly Option<string?> _images = new("--images")
    {
        Description = "The study's public images, for the contact sheets (default: <study>/public/images)",
        HelpName = "folder",
    };

    readonly Option<double> _minGold = new("--min-gold")
    {
        Description = "Reject raters who answer fewer gold trials correctly than this fraction",
        DefaultValueFactory = _ => new QualityCriteria().MinGoldAccuracy,
    };

    readonly Option<double> _minConsistency = new("--min-consistency")
    {
        Description = "Reject raters who answer fewer repeats consistently (same image, sides swapped) than this fraction",
        DefaultValueFactory = _ => new QualityCriteria().MinConsistency,
    };

    readonly Option<double> _minMedianSeconds = new("--min-median-seconds")
    {
        Description = "Reject raters whose median answer time is below this (0: no time rule)",
        DefaultValueFactory = _ => 0,
    };

    readonly Option<string?> _reference = new("--reference")
    {
        Description = "Condition whose Bradley–Terry score is fixed at 0 (default: the study's first)",
        HelpName = "condition",
    };

    readonly Option<int> _bootstrap = new("--bootstrap")
    {
        Description = "Bootstrap resamples of raters for the score intervals",
        DefaultValueFactory = _ => 1000,
    };

    readonly Option<int> _seed = new("--seed") { Description = "Seed of the bootstrap", DefaultValueFactory = _ => 1 };

    readonly Option<double> _confidence = new("--confidence")
    {
        Description = "Confidence level of every interval",
        DefaultValueFactory = _ => 0.95,
    };

    public StudyAnalyzeCommand() : base("analyze", "Analyse a study's answers: reject careless raters, win rates, Bradley–Terry scores, agreement; a Markdown report with plots")
    {
        _study.AddTo(this);
        Options.Add(_answers);
        Options.Add(_results);
        Options.Add(_out);
        Options.Add(_images);
        Options.Add(_minGold);
        Options.Add(_minConsistency);
        Options.Add(_minMedianSeconds);
        Options.Add(_reference);
        Options.Add(_bootstrap);
        Options.Add(_seed);
        Options.Add(_confidence);
        SetAction((parse, _) => CliApp.GuardAsync(parse, () => Task.FromResult(Run(parse))));
    }

    int Run(ParseResult parse)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var answers = parse.GetValue(_answers) ?? [];
        var results = parse.GetValue(_results) ?? [];
        if (answers.Length == 0 && results.Length == 0) throw new UsageException("give the answers: --answers <file|folder> and/or --results <results.csv>");
        var criteria = new QualityCriteria(Fraction("--min-gold", parse.GetValue(_minGold)),
            Fraction("--min-consistency", parse.GetValue(_minConsistency)), parse.GetValue(_minMedianSeconds));
        if (criteria.MinMedianSeconds < 0) throw new UsageException($"--min-median-seconds {criteria.MinMedianSeconds}: must be 0 or more");
        int bootstrap = parse.GetValue(_bootstrap);
        if (bootstrap < 0) throw new UsageException($"--bootstrap {bootstrap}: must be 0 or more");
        double confidence = parse.GetValue(_confidence);
        if (confidence is <= 0 or >= 1) throw new UsageException($"--confidence {confidence}: must be between 0 and 1");

        var problems = new List<InputProblem>();
        var (studyFolder, key) = _study.Load(parse, problems);
        var outFolder = parse.GetValue(_out) ?? (studyFolder is null
            ? throw new UsageException("--out: needed when only --key is given")
            : Path.Combine(studyFolder, "analysis"));
        var images = parse.GetValue(_images) ?? (studyFolder is null ? null : Path.Combine(studyFolder, StudyLayout.Images));
        if (parse.GetValue(_images) is { } given && !Directory.Exists(given)) throw new UsageException($"--images {given}: no such folder");

        var sets = new List<LoadedAnswers>();
        foreach (var source in answers) sets.AddRange(AnswerFileReader.Read(source, problems));
        foreach (var csv in results) sets.AddRange(ResultsCsvReader.Read(csv, problems));

        var options = new AnalysisOptions(criteria, parse.GetValue(_reference), bootstrap, parse.GetValue(_seed), confidence);
        AnalysisResult result;
        try
        {
            result = StudyAnalysis.Run(key, sets, options, problems);
        }
        catch (StudyInputException e)
        {
            throw new UsageException($"--reference: {e.Message}");
        }
        foreach (var problem in result.Problems) error.WriteLine($"skipped: {problem}");
        if (result.Answers == 0)
            throw new UsageException($"no answers matched the study's key ({sets.Count} answer sets read, {result.Problems.Count} problems)");

        var written = ReportWriter.Write(result, key, images, outFolder);
        if (!ReportPlots.FontsAvailable) error.WriteLine("warning: no font found, so the plots carry no text (install fonts-dejavu-core)");
        WriteSummary(output, result);
        output.WriteLine($"Report: {written.Report} (with {string.Join(", ", written.Files.Select(f => f.Split('/')[0]).Distinct())})");
        return result.Problems.Count > 0 ? ExitCodes.ItemsFailed : ExitCodes.Success;
    }

    static void WriteSummary(TextWriter output, AnalysisResult result)
    {
        var c = CultureInfo.InvariantCulture;
        int kept = result.Raters.Count(r => r.Kept);
        output.WriteLine($"{result.AnswerSets} answer sets, {result.Answers} answers; raters: {result.Raters.Count}, kept {kept}, rejected {result.Raters.Count - kept}");
        foreach (var rater in result.Raters.Where(r => !r.Kept))
            output.WriteLine($"  rejected {rater.Rater}: {rater.Reason}");
        foreach (var question in result.Questions)
        {
            if (question.Answers == 0)
            {
                output.WriteLine($"{question.Question}: no answers");
                continue;
            }
            var order = question.Scores.Where(s => double.IsFinite(s.Score)).OrderByDescending(s => s.Score)
                .Select(s => string.Create(c, $"{s.Condition} {s.Score:0.00} [{s.Low:0.00}, {s.High:0.00}]"));
            output.WriteLine($"{question.Question}: {string.Join(" > ", order)}; " +
                             string.Create(c, $"Krippendorff's alpha {question.Agreement.Alpha:0.00} ({question.Agreement.Units} comparisons)"));
        }
    }

    static double Fraction(string option, double value) =>
        value is >= 0 and <= 1 ? value : throw new UsageException($"{option} {value}: must be a fraction between 0 and 1");
}
