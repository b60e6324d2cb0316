using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using StyleTransfer.Studies.Analysis;
using StyleTransfer.Studies.Formats;
using StyleTransfer.Studies.Simulation;

namespace StyleTransfer.Cli.Commands;

/// <summary>
/// <c>styletransfer study simulate</c>: answers of simulated raters with known preferences, to check
/// <c>study analyze</c> (not for real studies).
/// </summary>
public sealed class StudySimulateCommand : Command
{
    public const string Examples = """
        Examples:
          styletransfer study simulate study/ --raters 30 --careless 5 --seed 1 --out sim-answers/
          styletransfer study simulate study/ --strength gatys=0 --strength photo=1.2 --out sim/ --results-csv sim/results.csv

        SIMULATION ONLY: checks that the analysis recovers known preferences and rejects careless raters.
        Careful raters choose by the Bradley-Terry model with the given log-strengths (default: the study's
        conditions in order get 0, 0.5, 1.0, ...), keep their opinion on repeats and pass gold trials; careless raters
        answer at random and fast. The truth (strengths, careless raters) is written to <out>/truth.txt.
        """;

    readonly StudyKeyOptions _study = new();

    readonly Option<string> _out = new("--out", "-o")
    {
        Description = "Folder for one answers JSON per simulated rater, and truth.txt",
        Required = true,
        HelpName = "folder",
    };

    readonly Option<int> _raters = new("--raters") { Description = "Simulated raters, dealt to the assignments in turn", DefaultValueFactory = _ => 30 };
    readonly Option<int> _careless = new("--careless") { Description = "How many of them answer at random", DefaultValueFactory = _ => 5 };
    readonly Option<int> _seed = new("--seed") { Description = "Seed of the simulation", DefaultValueFactory = _ => 1 };
    readonly Option<double> _lapse = new("--lapse") { Description = "Probability that a careful rater answers a trial at random", DefaultValueFactory = _ => 0.02 };

    readonly Option<string[]> _strength = new("--strength")
    {
        Description = "True log-strength of a condition, condition=value (repeatable; unnamed conditions get 0)",
        HelpName = "condition=value",
        Arity = ArgumentArity.OneOrMore,
    };

    readonly Option<string?> _resultsCsv = new("--results-csv")
    {
        Description = "Also write the answers as a crowdsourcing results CSV (WorkerId, AssignmentId, Answer.answers)",
        HelpName = "file.csv",
    };

    public StudySimulateCommand() : base("simulate", "SIMULATION: answers of simulated raters with known preferences, for checking 'study analyze'")
    {
        _study.AddTo(this);
        Options.Add(_out);
        Options.Add(_raters);
        Options.Add(_careless);
        Options.Add(_seed);
        Options.Add(_lapse);
        Options.Add(_strength);
        Options.Add(_resultsCsv);
        SetAction((parse, _) => CliApp.GuardAsync(parse, () => Task.FromResult(Run(parse))));
    }

    int Run(ParseResult parse)
    {
        int raters = parse.GetValue(_raters), careless = parse.GetValue(_careless);
        if (raters < 1) throw new UsageException($"--raters {raters}: at least 1");
        if (careless < 0 || careless > raters) throw new UsageException($"--careless {careless}: between 0 and --raters");
        double lapse = parse.GetValue(_lapse);
        if (lapse is < 0 or > 1) throw new UsageException($"--lapse {lapse}: a probability between 0 and 1");
        var problems = new List<InputProblem>();
        var (_, key) = _study.Load(parse, problems);
        foreach (var problem in problems) parse.InvocationConfiguration.Error.WriteLine($"skipped: {problem}");
        var conditions = key.Definition.Conditions.Select(c => c.Name).ToList();
        var strengths = Strengths(parse.GetValue(_strength) ?? [], conditions);

        var result = SimulatedRaters.Simulate(key, new SimulationOptions(raters, careless, parse.GetValue(_seed), strengths, lapse));
        var outFolder = parse.GetValue(_out)!;
        Directory.CreateDirectory(outFolder);
        foreach (var answers in result.Answers)
            File.WriteAllText(Path.Combine(outFolder, $"{answers.Rater}.json"), JsonSerializer.Serialize(answers, StudyJson.Options));
        var truth = new StringBuilder("SIMULATED answers (for checking the analysis; not a real study)\n");
        truth.AppendLine(string.Create(CultureInfo.InvariantCulture, $"seed {parse.GetValue(_seed)}, {raters} raters, {careless} careless, lapse {lapse}"));
        truth.AppendLine("true log-strengths: " + string.Join(", ", conditions.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c}={strengths[c]:0.###}"))));
        truth.AppendLine("careless raters: " + (result.Careless.Count == 0 ? "none" : string.Join(", ", result.Careless)));
        File.WriteAllText(Path.Combine(outFolder, "truth.txt"), truth.ToString());
        if (parse.GetValue(_resultsCsv) is { } csvPath) WriteResultsCsv(csvPath, result.Answers);

        var output = parse.InvocationConfiguration.Output;
        output.Write(truth.ToString());
        output.WriteLine($"Wrote {result.Answers.Count} answer files to {outFolder}{(parse.GetValue(_resultsCsv) is { } p ? $" and {p}" : "")}");
        return ExitCodes.Success;
    }

    static Dictionary<string, double> Strengths(string[] values, List<string> conditions)
    {
        if (values.Length == 0) return conditions.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => 0.5 * x.i);
        var strengths = conditions.ToDictionary(c => c, _ => 0.0);
        foreach (var value in values)
        {
            int eq = value.LastIndexOf('=');
            if (eq <= 0 || !double.TryParse(value[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double beta))
                throw new UsageException($"--strength {value}: expected condition=number");
            var name = value[..eq];
            if (!strengths.ContainsKey(name)) throw new UsageException($"--strength {value}: the study has no condition \"{name}\" ({string.Join(", ", conditions)})");
            strengths[name] = beta;
        }
        return strengths;
    }

    static void WriteResultsCsv(string path, IReadOnlyList<AssignmentAnswers> answers)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
        using var csv = CsvWriter.Create(File.Create(path));
        foreach (var header in new[] { "HITId", ResultsCsvReader.AssignmentColumn, ResultsCsvReader.WorkerColumn, "AssignmentStatus", ResultsCsvReader.AnswersColumn })
            csv.WriteField(header);
        csv.EndRecord();
        int n = 0;
        foreach (var set in answers)
        {
            n++;
            csv.WriteField($"hit-{set.Assignment}");
            csv.WriteField($"sim-assignment-{n:0000}");
            csv.WriteField(set.Rater);
            csv.WriteField("Submitted");
            csv.WriteField(JsonSerializer.Serialize(set with { Rater = null }, StudyJson.Options));
            csv.EndRecord();
        }
    }
}
