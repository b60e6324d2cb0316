using System.Text.Json;
using StyleTransfer.Studies.Formats;
using StyleTransfer.Studies.Tests.Support;

namespace StyleTransfer.Cli.Tests;

/// <summary><c>styletransfer study simulate</c> and <c>study analyze</c> in-process, on a small generated study key.</summary>
public sealed class StudyCommandTests
{
    static readonly string[] Conditions = ["gatys-lo", "gatys-hi", "photo"];

    static string Study(TempFolder dir, bool images = true)
    {
        var key = TestStudy.Build(Conditions, assignments: 6, testTrials: 18, repeats: 8, gold: 8, seed: 3);
        var study = dir["study"];
        TestStudy.WriteKey(key, study);
        if (images)
            foreach (var image in key.Images)
                dir.Image(Path.Combine("study", StudyLayout.Images, image.Id + ".png"), 32, 24, seed: image.Id[0] % 5);
        return study;
    }

    [Fact]
    public async Task Simulated_answers_give_a_report_that_rejects_the_careless_raters_from_json_and_from_csv()
    {
        using var dir = new TempFolder();
        var study = Study(dir);

        var simulate = await CliRun.RunAsync("study", "simulate", study, "--raters", "24", "--careless", "4", "--seed", "2",
            "--strength", "gatys-hi=1", "--strength", "photo=2", "--out", dir["answers"], "--results-csv", dir["results.csv"]);
        Assert.True(simulate.ExitCode == 0, simulate.ToString());
        Assert.Contains("SIMULATED", simulate.Output);
        Assert.Equal(24, Directory.GetFiles(dir["answers"], "*.json").Length);
        var careless = File.ReadAllLines(dir["answers/truth.txt"]).Single(l => l.StartsWith("careless raters: "))["careless raters: ".Length..].Split(", ");
        Assert.Equal(4, careless.Length);

        var analyze = await CliRun.RunAsync("study", "analyze", study, "--answers", dir["answers"], "--bootstrap", "200");
        Assert.True(analyze.ExitCode == 0, analyze.ToString());
        foreach (var rater in careless) Assert.Contains($"rejected {rater}:", analyze.Output);
        Assert.Contains("raters: 24, kept 20, rejected 4", analyze.Output);
        Assert.Contains("style: photo ", analyze.Output);
        Assert.Contains("> gatys-hi ", analyze.Output);
        var report = Path.Combine(study, "analysis");
        foreach (var file in new[] { "report.md", "analysis.json", "plots/scores-style.png", "plots/winrates-style.png", "contact/photo.png" })
            Assert.True(File.Exists(Path.Combine(report, file)), file);

        var fromCsv = await CliRun.RunAsync("study", "analyze", "--key", Path.Combine(study, "key"), "--results", dir["results.csv"],
            "--bootstrap", "200", "--out", dir["csv-report"]);
        Assert.True(fromCsv.ExitCode == 0, fromCsv.ToString());
        string Scores(string folder) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "analysis.json")))
            .RootElement.GetProperty("questions")[0].GetProperty("scores").ToString();
        Assert.Equal(Scores(report), Scores(dir["csv-report"]));
        Assert.Contains("only its key was given", File.ReadAllText(dir["csv-report/report.md"]));
    }

    [Fact]
    public async Task Bad_answer_files_are_named_and_skipped_with_exit_code_2()
    {
        using var dir = new TempFolder();
        var study = Study(dir, images: false);
        await CliRun.RunAsync("study", "simulate", study, "--raters", "6", "--careless", "0", "--out", dir["answers"]);
        dir.File("answers/zz-broken.json", "{ \"study\": ");
        dir.File("results.csv", "WorkerId,AssignmentId,Answer.answers\nW1,A1,\"{bad\"\n");

        var run = await CliRun.RunAsync("study", "analyze", study, "--answers", dir["answers"], "--results", dir["results.csv"],
            "--bootstrap", "50");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"skipped: {dir["answers/zz-broken.json"]}:", run.Error);
        Assert.Contains($"skipped: {dir["results.csv"]}:2: \"Answer.answers\" is not assignment answers JSON", run.Error);
        Assert.Contains("raters: 6, kept 6, rejected 0", run.Output);
    }

    [Theory]
    [InlineData("no answers", "give the answers: --answers")]
    [InlineData("no study", "give the study folder or --key")]
    [InlineData("bad reference", "reference condition \"nope\" is not one of the study's")]
    [InlineData("bad fraction", "--min-gold 1.5: must be a fraction")]
    [InlineData("nothing matches", "no answers matched the study's key")]
    public async Task Usage_errors_exit_1_with_one_line(string situation, string message)
    {
        using var dir = new TempFolder();
        var study = Study(dir, images: false);
        await CliRun.RunAsync("study", "simulate", study, "--raters", "2", "--careless", "0", "--out", dir["answers"]);
        dir.File("empty/readme.json", "[]");
        string[] args = situation switch
        {
            "no answers" => ["study", "analyze", study],
            "no study" => ["study", "analyze", "--answers", dir["answers"]],
            "bad reference" => ["study", "analyze", study, "--answers", dir["answers"], "--reference", "nope"],
            "bad fraction" => ["study", "analyze", study, "--answers", dir["answers"], "--min-gold", "1.5"],
            _ => ["study", "analyze", study, "--answers", dir["empty"]],
        };
        var run = await CliRun.RunAsync(args);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(message, run.Error);
        Assert.False(Directory.Exists(Path.Combine(study, "analysis")));
    }
}
