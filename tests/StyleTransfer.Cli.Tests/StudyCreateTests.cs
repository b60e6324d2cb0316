using System.Text;
using System.Text.Json;
using StyleTransfer.Studies.Formats;

namespace StyleTransfer.Cli.Tests;

/// <summary><c>study create</c> through the real command line and an embedded silo, on tiny images.</summary>
public sealed class StudyCreateTests
{
    static string[] Args(TempFolder dir, params string[] extra) =>
    [
        "study", "create", "--content", dir["photos"], "--style", dir["styles"],
        "--condition", "lowsecret=gatys:style-weight=7919", "--condition", "highsecret=gatys:style-weight=104729,tv-weight=0.5",
        "--size", "64", "--iterations", "3", "--optimizer", "adam", "--lr", "0.05", "--tv-weight", "0.002", "--device", "cpu",
        "--assignments", "3", "--trials-per-assignment", "6", "--repeats", "1", "--gold", "1", "--min-seconds", "0.2",
        "--seed", "4", "--out", dir["study"], .. extra,
    ];

    [Fact]
    public async Task Creates_two_conditions_as_one_job_writes_a_blind_package_and_a_rerun_reuses_the_outputs()
    {
        using var dir = new TempFolder();
        dir.Image("photos/alphacontent.png", 64, 64, seed: 0);
        dir.Image("photos/betacontent.png", 64, 64, seed: 1);
        dir.Image("styles/gammastyle.png", 56, 56, seed: 3);

        var run = await CliRun.RunAsync(Args(dir));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("4 items, 4 succeeded, 0 failed, 0 skipped", run.Output);
        // Each condition's options reached its items: different outputs, each recording its own weights.
        var low = dir["study/outputs/lowsecret/alphacontent__gammastyle.png"];
        var high = dir["study/outputs/highsecret/alphacontent__gammastyle.png"];
        Assert.False(File.ReadAllBytes(low).AsSpan().SequenceEqual(File.ReadAllBytes(high)));
        static JsonElement Options(string output) => JsonDocument.Parse(
            JsonDocument.Parse(File.ReadAllText(output + ".meta.json")).RootElement.GetProperty("metadata").GetProperty("params").GetString()!)
            .RootElement.GetProperty("options");
        Assert.Equal(7919, Options(low).GetProperty("styleWeight").GetDouble());
        Assert.Equal(0.002, Options(low).GetProperty("tvWeight").GetDouble()); // the command's, which high overrides
        Assert.Equal(104729, Options(high).GetProperty("styleWeight").GetDouble());
        Assert.Equal(0.5, Options(high).GetProperty("tvWeight").GetDouble());
        Assert.Equal(64, Options(high).GetProperty("maxSize").GetInt32());

        var keys = File.ReadAllLines(dir["study/key/trials.jsonl"]).Select(l => JsonSerializer.Deserialize<TrialKey>(l, StudyJson.Options)!).ToList();
        Assert.Equal(18, keys.Count);
        Assert.Equal(6, keys.Count(k => k.Kind == TrialKind.Test && k.Left.Condition == "lowsecret"));
        Assert.Equal(6, keys.Count(k => k.Kind == TrialKind.Test && k.Right.Condition == "lowsecret"));
        Assert.Contains("Balance: exact (12 test trials per pair", run.Output);
        foreach (var file in Directory.GetFiles(dir["study/public"], "*", SearchOption.AllDirectories))
        {
            var text = Encoding.Latin1.GetString(File.ReadAllBytes(file));
            foreach (var secret in new[] { "lowsecret", "highsecret", "gatys", "7919", "104729", "alphacontent", "betacontent", "gammastyle" })
                Assert.False(text.Contains(secret), $"{file} contains {secret}");
        }
        Assert.Equal(3, Directory.GetFiles(dir["study/public/assignments"], "*.html").Length);
        var package = Snapshot(dir["study"]);

        var again = await CliRun.RunAsync(Args(dir));

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("4 items, 0 succeeded, 0 failed, 4 skipped", again.Output);
        var second = Snapshot(dir["study"]);
        Assert.Equal(package.Keys.Order(), second.Keys.Order());
        Assert.All(package, f => Assert.True(f.Value.SequenceEqual(second[f.Key]), $"{f.Key} changed on the re-run"));
    }

    [Fact]
    public async Task With_store_azure_the_outputs_and_the_package_are_blobs_and_pages_are_served_as_html()
    {
        var connection = Environment.GetEnvironmentVariable("STYLETRANSFER_AZURE_CONNECTION") is { Length: > 0 } given ? given : "UseDevelopmentStorage=true";
        var container = "study-" + Guid.NewGuid().ToString("N")[..12];
        using var dir = new TempFolder();
        dir.Image("photos/alphacontent.png", 64, 64, seed: 0);
        dir.Image("photos/betacontent.png", 64, 64, seed: 1);
        dir.Image("styles/gammastyle.png", 56, 56, seed: 3);
        var args = Args(dir).ToList();
        args[args.IndexOf("--out") + 1] = "studies/first";
        var blobs = new Azure.Storage.Blobs.BlobContainerClient(connection, container);
        try
        {
            var run = await CliRun.RunAsync([.. args, "--store", "azure", "--azure-connection", connection, "--container", container]);

            Assert.True(run.ExitCode == 0, run.ToString());
            var names = new List<string>();
            await foreach (var blob in blobs.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.Metadata, Azure.Storage.Blobs.Models.BlobStates.None, "studies/first/", CancellationToken.None))
            {
                names.Add(blob.Name);
                if (!blob.Name.StartsWith("studies/first/public/")) continue;
                Assert.Empty(blob.Metadata);
                var content = (await blobs.GetBlobClient(blob.Name).DownloadContentAsync()).Value;
                var text = Encoding.Latin1.GetString(content.Content.ToArray());
                foreach (var secret in new[] { "lowsecret", "highsecret", "gatys", "7919", "104729", "alphacontent", "gammastyle" })
                    Assert.False(text.Contains(secret), $"{blob.Name} contains {secret}");
                if (blob.Name.EndsWith(".html")) Assert.StartsWith("text/html", content.Details.ContentType);
                if (blob.Name.EndsWith(".png")) Assert.Equal("image/png", content.Details.ContentType);
            }
            Assert.Contains("studies/first/outputs/lowsecret/alphacontent__gammastyle.png", names);
            Assert.Contains("studies/first/key/trials.jsonl", names);
            Assert.Equal(3, names.Count(n => n.StartsWith("studies/first/public/assignments/")));
            Assert.Equal(2 * (2 + 2), names.Count(n => n.StartsWith("studies/first/public/images/")));
            Assert.Contains("Public (publish as is): Azure blob container", run.Output);
        }
        finally
        {
            await blobs.DeleteIfExistsAsync();
        }
    }

    static Dictionary<string, byte[]> Snapshot(string folder) => Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
        .Where(f => f.Contains("/public/") || f.Contains("/key/"))
        .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes);

    [Theory]
    [InlineData("--condition", "b=gatys:stlye-weight=3", "--condition b: unknown option 'stlye-weight'")]
    [InlineData("--condition", "b=gatys:style-weight=-1", "--condition b: --style-weight")]
    [InlineData("--condition", "b=gatys:size=huge", "--condition b: ")]
    [InlineData("--condition", "b=cubism", "--condition b: --method cubism: unknown method")]
    [InlineData("--condition", "b=gatys:device=cuda", "--condition b: 'device' cannot be set per condition")]
    [InlineData("--condition", "a=photo", "--condition a: two conditions have this name")]
    [InlineData("--repeats", "19", "study design")]
    [InlineData("--cluster", "127.0.0.1:30000", "--cluster: study create reads the outputs and writes the package through the cluster's result store")]
    [InlineData("--question", "beauty=Which is nicer?", "gold trials need a question")]
    public async Task A_bad_condition_or_design_is_a_usage_error_naming_it_and_nothing_is_made(string option, string value, string message)
    {
        using var dir = new TempFolder();
        dir.Image("photos/one.png", 32, 32);
        dir.Image("styles/two.png", 32, 32);
        var args = new List<string> { "study", "create", "--content", dir["photos"], "--style", dir["styles"], "--condition", "a=gatys", "--gold", "1", "--out", dir["study"],
            "--size", "32", "--iterations", "1" };
        // --device with --cluster is refused on its own (the silos decide the device).
        if (option != "--cluster") args.AddRange(["--device", "cpu"]);
        if (option != "--condition") args.AddRange(["--condition", "c=gatys:style-weight=5"]);
        args.AddRange([option, value]);
        var run = await CliRun.RunAsync([.. args]);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(message, run.Error);
        Assert.False(Directory.Exists(dir["study"]));
    }

    [Fact]
    public async Task One_condition_is_not_a_study()
    {
        using var dir = new TempFolder();
        dir.Image("photos/one.png", 32, 32);
        var run = await CliRun.RunAsync("study", "create", "--content", dir["photos"], "--style", dir["photos/one.png"],
            "--condition", "a=gatys", "--out", dir["study"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--condition: a study needs at least 2 conditions", run.Error);
    }
}
