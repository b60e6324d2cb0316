using System.Diagnostics;
using System.Text.Json;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using StyleTransfer.Silo;

namespace StyleTransfer.Cli.Tests;

/// <summary>One embedded silo reached through its gateway, shared by the hostile-input tests that submit manifests.</summary>
public sealed class HostileSilo : IAsyncLifetime
{
    public TempFolder Dir { get; } = new();

    public EmbeddedCluster Silo { get; private set; } = null!;

    public string Results => Dir["results"];

    public string[] Cluster => ["--cluster", $"127.0.0.1:{Silo.Gateway.Port}"];

    public async Task InitializeAsync() => Silo = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions
    {
        ResultStore = store => store.Path = Results,
        Node = node =>
        {
            node.Device = "cpu";
            node.PendingResultsPath = Dir["pending"];
        },
    });

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        Dir.Dispose();
    }
}

/// <summary>
/// Issue 10: the CLI and a running silo driven as a careless or hostile user would. One test (or theory) per class of
/// problem; each asserts what the user sees (exit code, message, files) rather than internals.
/// </summary>
public sealed class HostileInputTests(HostileSilo silo) : IClassFixture<HostileSilo>
{
    static readonly string[] Fast = ["--size", "32", "--iterations", "2", "--optimizer", "adam"];

    static async Task<CliRun> Within(TimeSpan limit, Task<CliRun> run)
    {
        var finished = await Task.WhenAny(run, Task.Delay(limit));
        Assert.True(finished == run, $"the command did not finish within {limit.TotalSeconds:0} s (it hangs)");
        return await run;
    }

    /// <summary>Submits a manifest to the shared silo and watches it to the end; returns (watch, results as JSON).</summary>
    async Task<(CliRun Watch, List<JsonElement> Items)> RunManifest(string jobId, string manifest, params string[] extra)
    {
        var submit = await CliRun.RunAsync(["submit", "--manifest", manifest, "--out", jobId, "--job-id", jobId, .. Fast, .. extra, .. silo.Cluster]);
        Assert.True(submit.ExitCode == 0, submit.ToString());
        var watch = await Within(TimeSpan.FromSeconds(120), CliRun.RunAsync(["watch", jobId, .. silo.Cluster]));
        var results = await CliRun.RunAsync(["results", jobId, "--json", .. silo.Cluster]);
        var items = results.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        return (watch, items);
    }

    static JsonElement Item(List<JsonElement> items, string output) =>
        items.Single(i => i.GetProperty("outputName").GetString() == output);

    static string State(JsonElement item) => item.GetProperty("state").GetString()!;

    static string Reason(JsonElement item) => item.GetProperty("failureReason").GetString() ?? "";

    // 1. A device that does not exist: a clear error and exit 1, not "1 queued" forever.
    [Theory]
    [InlineData("cuda")]
    [InlineData("cuda:99")]
    public async Task Case1_a_device_that_does_not_exist_fails_at_once_naming_it(string device)
    {
        using var dir = new TempFolder();
        var content = dir.Image("c.png", 32, 32);
        var style = dir.Image("s.png", 32, 32, seed: 2);

        var run = await Within(TimeSpan.FromSeconds(60),
            CliRun.RunAsync(["image", content, "--style", style, "--out", dir["o.png"], "--device", device, .. Fast]));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith($"error: --device {device}:", run.Error);
        Assert.Contains("CUDA", run.Error);
        Assert.False(File.Exists(dir["o.png"]));
    }

    [Fact]
    public async Task Case1_a_silo_whose_node_cannot_start_its_device_does_not_start()
    {
        var start = EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { Node = node => node.Device = "cuda:3" });
        var finished = await Task.WhenAny(start, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(finished == start, "the silo neither started nor failed");
        var e = await Assert.ThrowsAnyAsync<Exception>(() => start);
        Assert.Contains("cuda:3", e.GetBaseException().Message);
    }

    [Fact]
    public async Task Case1_device_with_cluster_is_a_usage_error_naming_the_option()
    {
        using var dir = new TempFolder();
        var run = await CliRun.RunAsync("image", dir.Image("c.png"), "--style", dir.Image("s.png"), "--out", "o.png",
            "--device", "cpu", "--cluster", "127.0.0.1:1");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("error: --device:", run.Error);
    }

    // 2. Lines that cannot be understood become line-N.invalid items; the rest of the manifest runs.
    [Fact]
    public async Task Case2_every_bad_manifest_line_fails_alone_and_the_valid_ones_run()
    {
        silo.Dir.Image("m2/a.png", 32, 32);
        silo.Dir.Image("m2/s.png", 32, 32, seed: 3);
        var manifest = silo.Dir.File("m2/items.jsonl", """
            {"content": "a.png", "style": "s.png", "output": "good.png"}
            {"content": "a.png", "styles": [{"path": "s.png", "weight": "x"}], "output": "w1.png"}
            {"content": "a.png", "styles": [{"path": "s.png", "weight": 1e400}], "output": "w2.png"}
            {"content": "a.png", "styles": [{"path": "s.png", "weight": -1}], "output": "w3.png"}
            {"content": "a.png", "styles": [{"path": "s.png", "weight": true}], "output": "w4.png"}
            {"content": 5, "style": "s.png"}
            [1, 2]
            {"content": "a.png", "style": "s.png", "id": {"a": 1}, "output": "w5.png"}
            {"content": "a.png", "styles": [7]}
            {"content": "a.png", "style": "s.png", "output": "last.png"}
            """);

        var (watch, items) = await RunManifest("m2", manifest);

        Assert.True(watch.ExitCode == 2, watch.ToString());
        Assert.Contains("10 items, 2 succeeded, 8 failed", watch.Output);
        Assert.Equal("succeeded", State(Item(items, "m2/good.png")));
        Assert.Equal("succeeded", State(Item(items, "m2/last.png")));
        foreach (var line in new[] { 2, 3, 4, 5, 6, 7, 8, 9 })
        {
            var item = Item(items, $"m2/line-{line}.invalid");
            Assert.Equal("failed", State(item));
            Assert.Contains($"line {line}:", Reason(item));
        }
        Assert.Contains("weight", Reason(Item(items, "m2/line-2.invalid")));
        Assert.Contains("weight", Reason(Item(items, "m2/line-3.invalid")));
    }

    // 3. A directory symlink inside the result folder must not lead a result outside the store.
    [Fact]
    public async Task Case3_a_symlink_in_the_result_folder_cannot_carry_results_outside_the_store()
    {
        var outside = Directory.CreateDirectory(silo.Dir["elsewhere"]).FullName;
        Directory.CreateDirectory(Path.Combine(silo.Results, "m3"));
        Directory.CreateSymbolicLink(Path.Combine(silo.Results, "m3", "lnk"), outside);
        silo.Dir.Image("m3in/a.png", 32, 32);
        silo.Dir.Image("m3in/s.png", 32, 32, seed: 3);
        var manifest = silo.Dir.File("m3in/items.jsonl", """
            {"content": "a.png", "style": "s.png", "output": "lnk/x.png"}
            {"content": "a.png", "style": "s.png", "output": "ok.png"}
            """);

        var (watch, items) = await RunManifest("m3", manifest);

        Assert.True(watch.ExitCode == 2, watch.ToString());
        var escaped = Item(items, "m3/lnk/x.png");
        Assert.Equal("failed", State(escaped));
        Assert.Contains("outside", Reason(escaped));
        Assert.Equal(1, escaped.GetProperty("attempts").GetInt32()); // permanent: not retried
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        Assert.Equal("succeeded", State(Item(items, "m3/ok.png")));
    }

    // 4. Inputs are never overwritten; a file the store did not write is replaced only with --overwrite.
    [Theory]
    [InlineData("content")]
    [InlineData("style")]
    public async Task Case4_out_naming_an_input_is_refused_and_the_input_is_kept(string which)
    {
        using var dir = new TempFolder();
        var content = dir.Image("p.png", 32, 32);
        var style = dir.Image("s.png", 32, 32, seed: 2);
        var target = which == "content" ? content : style;
        var before = File.ReadAllBytes(target);

        var run = await CliRun.RunAsync(["image", content, "--style", style, "--out", target, .. Fast, "--device", "cpu"]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith($"error: --out {target}:", run.Error);
        Assert.Contains(which, run.Error);
        Assert.Equal(before, File.ReadAllBytes(target));
    }

    [Fact]
    public async Task Case4_a_file_the_store_did_not_write_is_replaced_only_with_overwrite()
    {
        using var dir = new TempFolder();
        var content = dir.Image("p.png", 32, 32);
        var style = dir.Image("s.png", 32, 32, seed: 2);
        var mine = dir.Image("out/mine.png", 20, 20, seed: 5);
        var before = File.ReadAllBytes(mine);

        var refused = await CliRun.RunAsync(["image", content, "--style", style, "--out", mine, .. Fast, "--device", "cpu"]);
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("--overwrite", refused.Output);
        Assert.Equal(before, File.ReadAllBytes(mine));

        var replaced = await CliRun.RunAsync(["image", content, "--style", style, "--out", mine, "--overwrite", .. Fast, "--device", "cpu"]);
        Assert.True(replaced.ExitCode == 0, replaced.ToString());
        Assert.NotEqual(before, File.ReadAllBytes(mine));
        Assert.True(File.Exists(mine + ".meta.json"));
    }

    [Fact]
    public async Task Case4_batch_into_its_own_content_folder_does_not_stylize_its_outputs()
    {
        using var dir = new TempFolder();
        dir.Image("d/a.png", 32, 32);
        dir.Image("d/b.png", 32, 32, seed: 1);
        var style = dir.Image("s.png", 32, 32, seed: 2);

        var first = await CliRun.RunAsync(["batch", "--content", dir["d"], "--style", style, "--out", dir["d"], .. Fast, "--device", "cpu"]);
        var second = await CliRun.RunAsync(["batch", "--content", dir["d"], "--style", style, "--out", dir["d"], .. Fast, "--device", "cpu"]);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("2 items, 0 succeeded, 0 failed, 2 skipped", second.Output);
        Assert.Equal(["a.png", "a__s.png", "b.png", "b__s.png"],
            Directory.GetFiles(dir["d"], "*.png").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!);
    }

    // 5. Duplicate output names in a manifest: the later item fails naming the earlier line, across pages.
    [Fact]
    public async Task Case5_a_duplicate_output_name_fails_naming_the_earlier_line_even_pages_apart()
    {
        silo.Dir.Image("m5/a.png", 32, 32);
        silo.Dir.Image("m5/b.png", 32, 32, seed: 4);
        silo.Dir.Image("m5/s.png", 32, 32, seed: 3);
        var lines = new List<string> { """{"content": "a.png", "style": "s.png", "output": "dup.png"}""" };
        lines.AddRange(Enumerable.Range(0, 300).Select(_ => "{}")); // rejected at once: fills page 0 and part of page 1
        lines.Add("""{"content": "b.png", "style": "s.png", "output": "dup.png"}""");
        lines.Add("""{"content": "b.png", "style": "s.png", "output": "dup.png"}""");
        var manifest = silo.Dir.File("m5/items.jsonl", string.Join('\n', lines));

        var (watch, items) = await RunManifest("m5", manifest);

        Assert.True(watch.ExitCode == 2, watch.ToString());
        var dups = items.Where(i => i.GetProperty("outputName").GetString() == "m5/dup.png").ToList();
        Assert.Equal(3, dups.Count);
        Assert.Single(dups, d => State(d) == "succeeded");
        var failed = dups.Where(d => State(d) == "failed").ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, d => Assert.Contains("line 1", Reason(d)));
        var sidecar = File.ReadAllText(Path.Combine(silo.Results, "m5", "dup.png.meta.json"));
        Assert.Contains("m5/a.png", sidecar); // the first line's result, not replaced by a later one
        Assert.DoesNotContain("m5/b.png", sidecar);
    }

    // 6. Invalid output names are refused up front (no retries); a permanent store failure is not retried.
    [Fact]
    public async Task Case6_invalid_output_names_fail_at_once_and_dots_in_a_name_are_fine()
    {
        silo.Dir.Image("m6/a.png", 32, 32);
        silo.Dir.Image("m6/s.png", 32, 32, seed: 3);
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(silo.Results, "m6")).FullName, "blocker"), "a file, not a folder");
        var manifest = silo.Dir.File("m6/items.jsonl", """
            {"content": "a.png", "style": "s.png", "output": "nul\u0000.png"}
            {"content": "a.png", "style": "s.png", "output": "new\nline.png"}
            {"content": "a.png", "style": "s.png", "output": ".hidden.png"}
            {"content": "a.png", "style": "s.png", "output": "folder/"}
            {"content": "a.png", "style": "s.png", "output": "x.png.meta.json"}
            {"content": "a.png", "style": "s.png", "output": "noextension"}
            {"content": "a.png", "style": "s.png", "output": "blocker/x.png"}
            {"content": "a.png", "style": "s.png", "output": "dots...png"}
            """);
        var clock = Stopwatch.StartNew();

        var (watch, items) = await RunManifest("m6", manifest);

        Assert.True(watch.ExitCode == 2, watch.ToString());
        for (int line = 1; line <= 6; line++)
        {
            var item = Item(items, $"m6/line-{line}.invalid");
            Assert.Equal("failed", State(item));
            Assert.Contains("output name", Reason(item));
            Assert.Equal(0, item.GetProperty("attempts").GetInt32());
        }
        var blocked = Item(items, "m6/blocker/x.png");
        Assert.Equal("failed", State(blocked));
        Assert.Equal(1, blocked.GetProperty("attempts").GetInt32());
        Assert.Equal("succeeded", State(Item(items, "m6/dots...png")));
        Assert.Contains("kept at", Reason(blocked)); // the finished image waits for the next attempt
        Assert.Single(Directory.GetFiles(silo.Dir["pending"], "*.png"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}: permanent failures were retried");
    }

    // 7. Control and bidi characters in names are escaped wherever a name is shown.
    [Fact]
    public async Task Case7_names_with_escape_sequences_and_bidi_overrides_are_printed_escaped()
    {
        silo.Dir.Image("m7/s.png", 32, 32, seed: 3);
        var manifest = silo.Dir.File("m7/items.jsonl", """
            {"content": "missing\u001b[31m.png", "style": "s.png", "output": "red.png"}
            {"content": "missing.png", "style": "s.png", "output": "evil\u202egnp.png"}
            """);

        var (watch, _) = await RunManifest("m7", manifest);
        var results = await CliRun.RunAsync(["results", "m7", .. silo.Cluster]);
        var status = await CliRun.RunAsync(["status", "m7", .. silo.Cluster]);

        foreach (var run in new[] { watch, results, status })
        {
            Assert.DoesNotContain('\u001b', run.Output);
            Assert.DoesNotContain('\u202e', run.Output);
        }
        Assert.Contains("evil\\u202Egnp.png", watch.Output);
        Assert.Contains("missing\\x1B[31m.png", results.Output);
    }

    // 8. Smaller ones.
    [Theory]
    [InlineData("--strotss-lr", "1e300")]
    [InlineData("--lr", "inf")]
    [InlineData("--lr", "NaN")]
    [InlineData("--style-weight", "1e999")]
    public async Task Case8_out_of_range_numbers_are_reported_against_their_own_option(string option, string value)
    {
        using var dir = new TempFolder();
        var run = await Within(TimeSpan.FromSeconds(60), CliRun.RunAsync(
            ["image", dir.Image("c.png"), "--style", dir.Image("s.png"), "--out", dir["o.png"], .. Fast, option, value]));

        Assert.True(run.ExitCode == 1, run.ToString());
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches($"^error: {option}( {value})?: ", line);
        Assert.DoesNotContain("Cannot parse", line);
    }

    [Fact]
    public async Task Case8_a_strotss_guidance_mask_of_another_shape_fails_the_item_with_a_reason()
    {
        using var dir = new TempFolder();
        var content = dir.Image("c.png", 32, 32);
        var style = dir.Image("s.png", 32, 32, seed: 2);
        var wide = Save(dir["cm.png"], 64, 32, (x, _) => x < 32 ? new Rgb24(255, 0, 0) : new Rgb24(0, 0, 255));
        var styleMask = Save(dir["sm.png"], 32, 32, (x, _) => x < 16 ? new Rgb24(255, 0, 0) : new Rgb24(0, 0, 255));

        var run = await CliRun.RunAsync(["image", content, "--style", style, "--out", dir["o.png"], "--method", "strotss",
            "--content-mask", wide, "--style-mask", styleMask, "--strotss-scales", "1", "--size", "32", "--iterations", "2", "--device", "cpu"]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("64x32", run.Output);
        Assert.Contains("does not match", run.Output);
    }

    [Fact]
    public async Task Case8_cancelled_items_are_counted_as_cancelled_not_failed()
    {
        silo.Dir.Image("m8/a.png", 48, 48);
        silo.Dir.Image("m8/s.png", 48, 48, seed: 3);
        var manifest = silo.Dir.File("m8/items.jsonl", string.Join('\n', Enumerable.Range(0, 3).Select(i =>
            $$"""{"content": "a.png", "style": "s.png", "output": "c{{i}}.png"}""")));
        var submit = await CliRun.RunAsync(["submit", "--manifest", manifest, "--out", "m8", "--job-id", "m8", "--size", "48",
            "--iterations", "500", "--optimizer", "adam", .. silo.Cluster]);
        Assert.True(submit.ExitCode == 0, submit.ToString());
        await Task.Delay(1500);

        var cancel = await CliRun.RunAsync(["cancel", "m8", .. silo.Cluster]);
        var watch = await Within(TimeSpan.FromSeconds(60), CliRun.RunAsync(["watch", "m8", .. silo.Cluster]));

        Assert.True(cancel.ExitCode == 0, cancel.ToString());
        Assert.Contains("3 items, 0 succeeded, 0 failed, 0 skipped, 3 cancelled", watch.Output);
        Assert.DoesNotContain("Failed items", watch.Output);
    }

    [Fact]
    public async Task Case8_batch_and_eval_agree_on_names_whose_stem_ends_in_an_underscore()
    {
        using var dir = new TempFolder();
        dir.Image("photos/a_.png", 32, 32);
        var style = dir.Image("s_.png", 32, 32, seed: 2);
        var batch = await CliRun.RunAsync(["batch", "--content", dir["photos"], "--style", style, "--out", dir["out"], .. Fast, "--device", "cpu"]);
        Assert.True(batch.ExitCode == 0, batch.ToString());

        var eval = await CliRun.RunAsync("eval", "--output", dir["out"], "--content", dir["photos"], "--style", style, "--json", dir["m.json"]);

        Assert.True(eval.ExitCode == 0, eval.ToString());
        Assert.DoesNotContain("another style", eval.Output + eval.Error);
        Assert.Single(File.ReadAllLines(dir["m.json"]), l => l.Contains("structureSsim"));
    }

    [Theory]
    [InlineData("image")]
    [InlineData("batch")]
    public async Task Case8_an_out_whose_parent_is_a_file_says_so(string command)
    {
        using var dir = new TempFolder();
        var content = dir.Image("c.png", 32, 32);
        var style = dir.Image("s.png", 32, 32, seed: 2);
        var file = dir.File("notes.txt", "a file");
        var output = command == "image" ? Path.Combine(file, "o.png") : Path.Combine(file, "out");

        string[] args = command == "image"
            ? ["image", content, "--style", style, "--out", output, "--device", "cpu"]
            : ["batch", "--content", content, "--style", style, "--out", output, "--device", "cpu"];
        var run = await CliRun.RunAsync(args);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith($"error: --out {output}:", run.Error);
        Assert.Contains($"{file} is a file", run.Error);
        Assert.DoesNotContain("embedded silo", run.Error);
    }

    [Fact]
    public async Task Case8_a_run_prints_no_nnpack_or_other_libtorch_warnings()
    {
        using var dir = new TempFolder();
        var content = dir.Image("c.png", 32, 32);
        var style = dir.Image("s.png", 32, 32, seed: 2);
        var cli = Path.Combine(AppContext.BaseDirectory, "styletransfer.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        // L-BFGS (the default optimizer): TorchSharp's binding of it is what prints libtorch's Optimizer::parameters() warning.
        foreach (var arg in new[] { cli, "image", content, "--style", style, "--out", dir["o.png"], "--device", "cpu", "--size", "32", "--iterations", "2" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(90)), "the CLI did not finish");

        Assert.True(process.ExitCode == 0, await stdout + await stderr);
        Assert.True(File.Exists(dir["o.png"]));
        Assert.DoesNotContain("NNPACK", await stderr);
        Assert.DoesNotContain("Optimizer::parameters()", await stderr);
        Assert.DoesNotContain("Warning:", await stderr);
    }

    // 9. Anti-aliased masks: a few percent of off-palette pixels are accepted and recorded; mostly off-palette is refused.
    [Fact]
    public async Task Case9_a_mask_with_antialiased_edges_runs_and_its_metadata_says_what_happened_to_them()
    {
        using var dir = new TempFolder();
        var content = dir.Image("c.png", 32, 32);
        var style = dir.Image("s.png", 32, 32, seed: 2);
        // Blue | white with a 3-pixel blend between them: 3/32 = 9.4% of the pixels are no label colour.
        static Rgb24 Soft(int x, int _) => x < 15 ? new Rgb24(0, 0, 255) : x > 17 ? new Rgb24(255, 255, 255) : new Rgb24(128, 128, 255);
        var contentMask = Save(dir["cm.png"], 32, 32, Soft);
        var styleMask = Save(dir["sm.png"], 32, 32, Soft);

        var run = await CliRun.RunAsync(["image", content, "--style", style, "--out", dir["o.png"], "--content-mask", contentMask,
            "--style-mask", styleMask, .. Fast, "--device", "cpu"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var sidecar = File.ReadAllText(dir["o.png.meta.json"]);
        Assert.Contains("mask-off-palette", sidecar);
        Assert.Contains("9.4%", sidecar);
    }

    static string Save(string path, int width, int height, Func<int, int, Rgb24> pixel)
    {
        using var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = pixel(x, y);
        image.SaveAsPng(path);
        return path;
    }
}
