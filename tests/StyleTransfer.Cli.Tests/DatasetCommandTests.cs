using System.Diagnostics;
using System.Text.Json;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;

namespace StyleTransfer.Cli.Tests;

/// <summary><c>styletransfer dataset</c> end to end through the embedded silo, on tiny generated images.</summary>
public sealed class DatasetCommandTests
{
    static readonly string[] Fast = ["--content-size", "32", "--crop", "center", "--iterations", "2", "--device", "cpu"];

    static Task<CliRun> Dataset(params string[] args) => CliRun.RunAsync(["dataset", .. args, .. Fast]);

    /// <summary>Files under <paramref name="folder"/> by relative path, without sidecars, the record and hidden work files.</summary>
    static List<string> Files(string folder) => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
        .Where(f => !f.EndsWith(".meta.json", StringComparison.Ordinal) && f != "dataset-record.jsonl" && !f.Split('/').Any(s => s.StartsWith('.')))
        .Order(StringComparer.Ordinal).ToList();

    static List<string> RecordLines(string folder) => File.ReadLines(Path.Combine(folder, "dataset-record.jsonl")).Skip(1).ToList();

    static string ParamsHash(string output) =>
        JsonDocument.Parse(File.ReadAllText(output + ".meta.json")).RootElement.GetProperty("metadata").GetProperty("params-hash").GetString()!;

    [Fact]
    public async Task A_three_level_class_tree_is_mirrored_with_its_annotation_files_and_its_record_replays_to_the_same_outputs()
    {
        using var dir = new TempFolder();
        string[] images = ["train/animals/cat/001.png", "train/animals/cat/002.JPG", "train/animals/dog/003.jpeg", "val/plants/tree/004.PNG"];
        for (int i = 0; i < images.Length; i++) dir.Image("data/" + images[i], 40, 36, seed: i);
        var annotations = new Dictionary<string, string>
        {
            ["train/animals/cat/001.json"] = """{"boxes": [[1, 2, 30, 28]], "label": "cat"}""",
            ["train/animals/labels.csv"] = "file,label\ncat/001.png,cat\ndog/003.jpeg,dog\n",
            ["val/plants/tree/004.xml"] = "<annotation><object><name>tree</name></object></annotation>",
            ["classes.txt"] = "cat\ndog\ntree\n",
        };
        foreach (var (path, text) in annotations) dir.File("data/" + path, text);
        dir.Image("styles/stripes.png", 48, 48, seed: 3);
        dir.Image("styles/checks.png", 48, 48, seed: 5);

        var run = await Dataset("--content", dir["data"], "--styles", dir["styles"], "--out", dir["out"], "--format", "jpg");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Dataset: 4 images, 2 styles (0 excluded), 4 outputs, 4 other files copied through", run.Output);
        Assert.Contains("4 items, 4 succeeded, 0 failed, 0 skipped", run.Output);
        var files = Files(dir["out"]);
        var outputs = files.Where(f => f.EndsWith(".jpg", StringComparison.Ordinal)).ToList();
        Assert.Equal(annotations.Keys.Order(StringComparer.Ordinal), files.Except(outputs));
        foreach (var (path, text) in annotations) Assert.Equal(text, File.ReadAllText(Path.Combine(dir["out"], path)));
        Assert.Equal(images.Length, outputs.Count);
        foreach (var image in images)
        {
            var folder = Path.GetDirectoryName(image)!.Replace('\\', '/');
            var stem = Path.GetFileNameWithoutExtension(image);
            var output = Assert.Single(outputs, o => o == $"{folder}/{stem}__stripes.jpg" || o == $"{folder}/{stem}__checks.jpg");
            var info = Image.Identify(Path.Combine(dir["out"], output));
            Assert.IsType<JpegFormat>(Image.DetectFormat(Path.Combine(dir["out"], output)));
            Assert.Equal((32, 32), (info.Width, info.Height));
        }

        var replay = await CliRun.RunAsync("dataset", "--replay", Path.Combine(dir["out"], "dataset-record.jsonl"), "--out", dir["again"], "--device", "cpu");

        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Equal(files, Files(dir["again"]));
        Assert.Equal(RecordLines(dir["out"]), RecordLines(dir["again"]));
        foreach (var output in outputs)
            Assert.Equal(ParamsHash(Path.Combine(dir["out"], output)), ParamsHash(Path.Combine(dir["again"], output)));
    }

    [Fact]
    public async Task Corrupt_unreadable_and_too_small_styles_are_listed_up_front_and_never_assigned()
    {
        using var dir = new TempFolder();
        dir.Image("data/one.png", 32, 32);
        dir.Image("data/two.png", 32, 32, seed: 1);
        dir.Image("styles/good-1.png", 48, 48, seed: 2);
        dir.Image("styles/more/good-2.jpg", 48, 48, seed: 4);
        dir.File("styles/corrupt.png", "not an image at all");
        dir.Image("styles/tiny.png", 8, 8);
        dir.File("styles/notes.txt", "not a style");

        var tooMany = await Dataset("--content", dir["data"], "--styles", dir["styles"], "--out", dir["out"], "--styles-per-image", "3");
        Assert.True(tooMany.ExitCode == 1, tooMany.ToString());
        Assert.Contains("--styles-per-image 3: must be 1..2", tooMany.Error);
        Assert.False(Directory.Exists(dir["out"]));

        var run = await Dataset("--content", dir["data"], "--styles", dir["styles"], "--out", dir["out"], "--styles-per-image", "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        var excluded = run.Output.Split("Excluded styles (2), never assigned:")[1].Split("Dataset:")[0];
        Assert.Contains("corrupt.png: ", excluded);
        Assert.Contains("tiny.png: too small (8x8 px", excluded);
        Assert.True(run.Output.IndexOf("Excluded styles", StringComparison.Ordinal) < run.Output.IndexOf("Job ", StringComparison.Ordinal));
        Assert.Equal(["one__good-1.png", "one__good-2.png", "two__good-1.png", "two__good-2.png"], Files(dir["out"]));
        Assert.DoesNotContain(RecordLines(dir["out"]), l => l.Contains("corrupt") || l.Contains("tiny"));
    }

    [Fact]
    public async Task A_killed_dataset_job_resumes_without_recomputing_or_duplicating_outputs()
    {
        using var dir = new TempFolder();
        for (int i = 0; i < 5; i++) dir.Image($"data/class-{i % 2}/img-{i}.png", 32, 32, seed: i);
        dir.Image("styles/stripes.png", 48, 48, seed: 3);
        string[] args = ["dataset", "--content", dir["data"], "--styles", dir["styles"], "--out", dir["out"], .. Fast];

        // A separate process, killed outright once its first output is committed.
        var cli = typeof(CliApp).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { cli }.Concat(args)) start.ArgumentList.Add(arg);
        using (var process = Process.Start(start)!)
        {
            var clock = Stopwatch.StartNew();
            while (!Directory.Exists(dir["out"]) || !Directory.EnumerateFiles(dir["out"], "*.png", SearchOption.AllDirectories).Any())
            {
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2) && !process.HasExited, "no output appeared before the kill: " + (process.HasExited ? process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd() : "timeout"));
                await Task.Delay(50);
            }
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var before = Directory.EnumerateFiles(dir["out"], "*.png", SearchOption.AllDirectories)
            .ToDictionary(f => f, f => File.ReadAllText(f + ".meta.json"));
        Assert.InRange(before.Count, 1, 4);

        var run = await CliRun.RunAsync(args);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"5 items, {5 - before.Count} succeeded, 0 failed, {before.Count} skipped", run.Output);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"class-{i % 2}/img-{i}__stripes.png").Order(StringComparer.Ordinal), Files(dir["out"]));
        foreach (var (file, sidecar) in before) Assert.Equal(sidecar, File.ReadAllText(file + ".meta.json"));
        Assert.Empty(Directory.EnumerateFiles(dir["out"], "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Adain_gives_one_output_tree_per_alpha_level_each_item_run_at_its_alpha()
    {
        using var dir = new TempFolder();
        dir.Image("data/a/one.png", 40, 40);
        dir.File("data/a/one.json", "{}");
        dir.Image("styles/s1.png", 48, 48, seed: 2);
        var decoder = dir["adain.model"];
        var architecture = Engine.Methods.FeedForward.AdaInArchitecture.For("layer1", 0.25);
        TorchSharp.torch.random.manual_seed(1);
        using (var network = new Engine.Methods.FeedForward.AdaInDecoder(architecture))
            Engine.Methods.FeedForward.ModelFile.Write(decoder, new Engine.Methods.FeedForward.ModelHeader
            {
                Kind = Engine.Methods.FeedForward.ModelKind.AdaInDecoder, Decoder = architecture, Backbone = "resnet18",
            }, Engine.Methods.FeedForward.ModelFile.ModuleBytes(network));

        var run = await CliRun.RunAsync(["dataset", "--content", dir["data"], "--styles", dir["styles"], "--out", dir["out"],
            "--method", "adain", "--model", decoder, "--alpha-levels", "0,1", "--content-size", "32", "--crop", "center", "--device", "cpu"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["alpha-0/a/one.json", "alpha-0/a/one__s1.png", "alpha-1/a/one.json", "alpha-1/a/one__s1.png"], Files(dir["out"]));
        double Alpha(string level) => System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonDocument.Parse(
                File.ReadAllText(dir[$"out/alpha-{level}/a/one__s1.png.meta.json"])).RootElement.GetProperty("metadata").GetProperty("params").GetString()!)
            .RootElement.GetProperty("options").GetProperty("alpha").GetDouble();
        Assert.Equal(0, Alpha("0"));
        Assert.Equal(1, Alpha("1"));
        Assert.NotEqual(File.ReadAllBytes(dir["out/alpha-0/a/one__s1.png"]), File.ReadAllBytes(dir["out/alpha-1/a/one__s1.png"]));
        Assert.Contains("\"model\":\"sha256:", File.ReadAllText(dir["out/dataset-record.jsonl"]));
    }

    [Fact]
    public async Task Alpha_is_refused_for_methods_without_it_and_a_dry_run_counts_and_estimates_without_writing()
    {
        using var dir = new TempFolder();
        dir.Image("data/a/one.png", 32, 32);
        dir.Image("data/b/two.png", 32, 32, seed: 1);
        dir.File("data/b/two.json", "{}");
        dir.Image("styles/s1.png", 48, 48, seed: 2);
        dir.Image("styles/s2.png", 48, 48, seed: 3);

        var alpha = await Dataset("--content", dir["data"], "--styles", dir["styles"], "--out", dir["out"], "--alpha", "0.5");
        Assert.True(alpha.ExitCode == 1, alpha.ToString());
        Assert.Contains("--alpha: method gatys does not take a content/style strength", alpha.Error);
        var levels = await Dataset("--content", dir["data"], "--styles", dir["styles"], "--out", dir["out"], "--alpha-levels", "0.2,0.4");
        Assert.True(levels.ExitCode == 1, levels.ToString());
        Assert.Contains("--alpha-levels: method gatys does not take", levels.Error);
        var badLevel = await Dataset("--content", dir["data"], "--styles", dir["styles"], "--out", dir["out"], "--alpha-levels", "0.2,1.5");
        Assert.Contains("--alpha-levels 0.2,1.5: '1.5' is not a number in [0,1]", badLevel.Error);

        var dry = await Dataset("--content", dir["data"], "--styles", dir["styles"], "--out", dir["out"], "--styles-per-image", "2", "--dry-run");

        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Contains("Dataset: 2 images, 2 styles (0 excluded), 4 outputs, 1 other files copied through", dry.Output);
        Assert.Matches(@"Estimate from one output calibrated on this machine \(cpu \(\d+ threads?\)\): \d+\.\d\d s and \d+\.\d KiB per output; about \d+\.\d MiB on disk and \d+:\d\d for 4 outputs", dry.Output);
        Assert.False(Directory.Exists(dir["out"]));
    }
}
