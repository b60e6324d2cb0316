using System.Text.Json;
using StyleTransfer.Studies.Analysis;
using StyleTransfer.Studies.Formats;
using StyleTransfer.Studies.Simulation;
using StyleTransfer.Studies.Tests.Support;

namespace StyleTransfer.Studies.Tests.Analysis;

/// <summary>Reading answers: page JSON files, results CSVs with quoted JSON, and every kind of bad input.</summary>
public class AnswerInputTests
{
    static readonly string[] Conditions = ["a", "b", "c"];
    static readonly StudyKeyData Key = TestStudy.Build(Conditions, assignments: 4, testTrials: 12, repeats: 3, gold: 3);

    static IReadOnlyList<AssignmentAnswers> Simulated(int raters = 4) =>
        SimulatedRaters.Simulate(Key, new SimulationOptions(raters, 0, 5, TestStudy.Strengths(Conditions))).Answers;

    static string Json(AssignmentAnswers answers) => JsonSerializer.Serialize(answers, StudyJson.Options);

    static string CsvField(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";

    [Fact]
    public void Results_csv_with_quoted_json_gives_the_answers_and_reports_bad_rows_by_line()
    {
        using var dir = new TempFolder();
        var sets = Simulated();
        var good = Json(sets[0] with { Rater = null });
        var lines = new List<string>
        {
            "HITId,AssignmentId,WorkerId,AssignmentStatus,Answer.answers,Answer.comment",
            $"h1,A1,W1,Submitted,{CsvField(good)},{CsvField("nice, \"fun\"\nstudy")}",  // a comment spanning two lines
            "",
            $"h2,A2,W2,Submitted,{CsvField("{not json")},",
            $"h3,A3,W3,Submitted,,",
            $"h4,A4,W4,Rejected,{CsvField(Json(sets[1]))},",
            $"h5,A5,W5,Submitted,{CsvField(Json(sets[2] with { Rater = null }))},",
        };
        var path = Path.Combine(dir.Path, "results.csv");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");

        var problems = new List<InputProblem>();
        var loaded = ResultsCsvReader.Read(path, problems);

        Assert.Equal(["W1", "W5"], loaded.Select(l => l.Rater));
        Assert.Equal(sets[0].Answers, loaded[0].Answers.Answers);
        Assert.Equal(2, loaded[0].Line);
        Assert.Equal(8, loaded[1].Line);
        Assert.Equal(2, problems.Count);
        Assert.Equal(5, problems[0].Line);
        Assert.Contains("not assignment answers JSON", problems[0].Message);
        Assert.Equal(6, problems[1].Line);
        Assert.Contains("empty \"Answer.answers\"", problems[1].Message);
        Assert.All(problems, p => Assert.Equal(path, p.Source));
    }

    [Fact]
    public void Results_csv_without_the_answers_column_is_reported()
    {
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "other.csv");
        File.WriteAllText(path, "WorkerId,Answer.choice\nW1,left\n");
        var problems = new List<InputProblem>();
        Assert.Empty(ResultsCsvReader.Read(path, problems));
        Assert.Contains("no \"Answer.answers\" column", Assert.Single(problems).Message);
    }

    [Fact]
    public void Answer_files_and_folders_are_read_and_bad_files_reported()
    {
        using var dir = new TempFolder();
        var sets = Simulated();
        File.WriteAllText(Path.Combine(dir.Path, "one.json"), Json(sets[0]));
        File.WriteAllText(Path.Combine(dir.Path, "many.json"), JsonSerializer.Serialize(new[] { sets[1], sets[2] }, StudyJson.Options));
        File.WriteAllText(Path.Combine(dir.Path, "broken.json"), "{\n  \"study\": \"test-study\",\n  \"answers\": [ oops ]\n}");
        File.WriteAllText(Path.Combine(dir.Path, "empty.json"), "{}");
        File.WriteAllText(Path.Combine(dir.Path, "notes.txt"), "not read");

        var problems = new List<InputProblem>();
        var loaded = AnswerFileReader.Read(dir.Path, problems);
        loaded.AddRange(AnswerFileReader.Read(Path.Combine(dir.Path, "missing.json"), problems));

        Assert.Equal(new[] { sets[1].Rater, sets[2].Rater, sets[0].Rater }, loaded.Select(l => l.Rater));
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Source.EndsWith("broken.json") && p.Line == 3);
        Assert.Contains(problems, p => p.Source.EndsWith("empty.json") && p.Message.Contains("without \"study\""));
        Assert.Contains(problems, p => p.Source.EndsWith("missing.json") && p.Message == "no such file or folder");
    }

    [Fact]
    public void Unknown_trials_other_studies_wrong_images_and_duplicates_are_reported_and_skipped()
    {
        var sets = Simulated();
        var first = sets[0];
        var tampered = first.Answers.ToList();
        tampered[0] = tampered[0] with { Trial = "no-such-trial" };
        tampered[1] = tampered[1] with { Trial = "another-missing" };
        tampered[2] = tampered[2] with { Left = "someone-else" };
        var loaded = new List<LoadedAnswers>
        {
            new("first.json", null, first.Rater!, first with { Answers = tampered }),
            new("again.json", null, first.Rater!, first),
            new("other.json", null, "x", sets[1] with { Study = "another-study" }),
        };
        var problems = new List<InputProblem>();
        var resolved = AnswerResolver.Resolve(Key, loaded, problems);

        Assert.Equal(first.Answers.Count, resolved.Count); // 3 bad ones skipped, then read from again.json
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Source == "first.json" && p.Message.StartsWith("2 answers name trials that are not in the key (no-such-trial, another-missing)"));
        Assert.Contains(problems, p => p.Source == "first.json" && p.Message.StartsWith("1 answer show images"));
        Assert.Contains(problems, p => p.Source == "again.json" && p.Message.StartsWith($"{first.Answers.Count - 3} answers of rater {first.Rater} to trials they had already answered"));
        Assert.Contains(problems, p => p.Source == "other.json" && p.Message.Contains("another-study"));
    }

    [Fact]
    public void A_rater_always_choosing_the_left_side_fails_the_repeats()
    {
        var set = Simulated(1)[0];
        var lefty = set with { Rater = "lefty", Answers = set.Answers.Select(a => a with { Choice = Side.Left }).ToList() };
        var answers = AnswerResolver.Resolve(Key, [new LoadedAnswers("l.json", null, "lefty", lefty)], new List<InputProblem>());
        var quality = Assert.Single(RaterQualityControl.Evaluate(answers, new QualityCriteria()));
        Assert.Equal(0, quality.RepeatsConsistent);
        Assert.Equal(3, quality.RepeatPairs);
        Assert.False(quality.Kept);
        Assert.Contains("repeats 0/3 consistent", quality.Reason);
    }

    [Fact]
    public void Key_with_a_malformed_line_is_read_with_the_line_reported()
    {
        using var dir = new TempFolder();
        TestStudy.WriteKey(Key, dir.Path);
        var trials = Path.Combine(dir.Path, StudyLayout.TrialKeys);
        File.AppendAllText(trials, "{\"assignmentId\": \"a001\", truncated\n");
        var problems = new List<InputProblem>();
        var key = StudyKeyData.Load(Path.Combine(dir.Path, StudyLayout.Key), problems);
        Assert.Equal(Key.Trials.Count, key.Trials.Count);
        var problem = Assert.Single(problems);
        Assert.Equal(Key.Trials.Count + 1, problem.Line);
        Assert.Throws<StudyInputException>(() => StudyKeyData.Load(Path.Combine(dir.Path, "nothing"), problems));
    }
}
