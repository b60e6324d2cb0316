using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using System.Text.Json;

namespace StyleTransfer.Cli.Tests;

/// <summary><c>styletransfer eval</c> in-process on tiny generated images, with the real ResNet-18.</summary>
public sealed class EvalCommandTests
{
    static List<JsonElement> Rows(string jsonLines) =>
        jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    [Fact]
    public async Task Output_identical_to_the_content_keeps_its_structure_and_its_colour_distance()
    {
        using var dir = new TempFolder();
        var content = dir.Image("photo.png", 48, 40, seed: 0);
        var style = dir.Image("style.png", 40, 40, seed: 3);

        var run = await CliRun.RunAsync("eval", "--output", content, "--content", content, "--style", style);

        Assert.True(run.ExitCode == 0, run.ToString());
        var row = Assert.Single(Rows(run.Output));
        Assert.Equal(1.0, row.GetProperty("structureSsim").GetDouble(), 9);
        Assert.Equal(row.GetProperty("contentColorDistance").GetDouble(), row.GetProperty("colorDistance").GetDouble(), 9);
        Assert.True(row.GetProperty("styleStatisticsDistance").GetDouble() > 0);
        Assert.Equal(0, row.GetProperty("perGroup").GetArrayLength());
        Assert.Equal(Path.GetFullPath(content), row.GetProperty("output").GetString());
        Assert.Contains("1 output, 1 evaluated, 0 failed", run.Error);
        Assert.Contains("Means: structure SSIM 1.000", run.Error);
    }

    [Fact]
    public async Task Folder_with_a_good_and_a_corrupt_output_gives_two_rows_and_exit_2()
    {
        using var dir = new TempFolder();
        dir.Image("photos/first.png", 48, 48, seed: 0);
        dir.Image("photos/second.jpg", 40, 40, seed: 1);
        var style = dir.Image("styles/stripes.png", 40, 40, seed: 3);
        Directory.CreateDirectory(dir["out"]);
        File.Copy(dir["photos/first.png"], dir["out/first__stripes.png"]);
        dir.File("out/second__stripes.png", "this is not a png");
        dir.Image("out/first__stripes.iter-000010.png", 48, 48, seed: 5);   // snapshot: skipped
        dir.File("out/first__stripes.png.meta.json", "{}");                  // sidecar: skipped
        dir.Image("out/first__other.png", 48, 48, seed: 5);                  // another style: skipped

        var run = await CliRun.RunAsync("eval", "--output", dir["out"], "--content", dir["photos"], "--style", style,
            "--json", dir["metrics.json"]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Output);
        var rows = JsonDocument.Parse(File.ReadAllText(dir["metrics.json"])).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        var good = rows[0];
        Assert.EndsWith("first__stripes.png", good.GetProperty("output").GetString());
        Assert.Equal(Path.GetFullPath(dir["photos/first.png"]), good.GetProperty("content").GetString());
        Assert.Equal(1.0, good.GetProperty("structureSsim").GetDouble(), 9);
        Assert.False(good.TryGetProperty("error", out _));
        var bad = rows[1];
        Assert.EndsWith("second__stripes.png", bad.GetProperty("output").GetString());
        Assert.Equal(Path.GetFullPath(dir["photos/second.jpg"]), bad.GetProperty("content").GetString());
        Assert.Contains("second__stripes.png", bad.GetProperty("error").GetString());
        Assert.False(bad.TryGetProperty("structureSsim", out _));
        Assert.Contains("2 outputs, 1 evaluated, 1 failed", run.Error);
        Assert.Contains("Skipped 1 output of other styles (other)", run.Error);
    }

    [Fact]
    public async Task Outputs_without_a_matching_content_get_an_error_row()
    {
        using var dir = new TempFolder();
        dir.Image("photos/first.png", 32, 32, seed: 0);
        var style = dir.Image("stripes.png", 32, 32, seed: 3);
        dir.Image("out/first__stripes.png", 32, 32, seed: 4);
        dir.Image("out/ghost__stripes.png", 32, 32, seed: 4);
        dir.Image("out/unnamed.png", 32, 32, seed: 4);

        var run = await CliRun.RunAsync("eval", "-o", dir["out"], "-c", dir["photos"], "-s", style);

        Assert.True(run.ExitCode == 2, run.ToString());
        var rows = Rows(run.Output);
        Assert.Equal(3, rows.Count);
        Assert.True(rows[0].TryGetProperty("structureSsim", out _));
        Assert.Contains("no content image with stem 'ghost'", rows[1].GetProperty("error").GetString());
        Assert.Contains("not named <content>__<style>.png", rows[2].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Masks_folder_adds_per_group_rows()
    {
        using var dir = new TempFolder();
        var content = dir.Image("in/in1.png", 32, 32, seed: 0);
        var style = dir.Image("tar1.png", 32, 32, seed: 2);
        WriteMask(dir["seg/in1_seg.png"], x => x < 16);
        WriteMask(dir["seg/tar1_seg.png"], x => x < 8);
        Directory.CreateDirectory(dir["out"]);
        File.Copy(content, dir["out/in1__tar1.png"]);

        var run = await CliRun.RunAsync("eval", "--output", dir["out"], "--content", dir["in"], "--style", style, "--masks", dir["seg"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var groups = Assert.Single(Rows(run.Output)).GetProperty("perGroup").EnumerateArray().ToList();
        Assert.Equal(2, groups.Count);
        Assert.All(groups, g => Assert.Equal(0.5, g.GetProperty("contentFraction").GetDouble(), 9));
        Assert.All(groups, g => Assert.Equal(g.GetProperty("contentColorDistance").GetDouble(), g.GetProperty("colorDistance").GetDouble(), 9));
    }

    [Theory]
    [InlineData("missing-output")]
    [InlineData("missing-style")]
    [InlineData("content-mask-alone")]
    public async Task Usage_errors_are_one_line_and_exit_1(string problem)
    {
        using var dir = new TempFolder();
        var image = dir.Image("a.png", 16, 16);
        string[] args = problem switch
        {
            "missing-output" => ["eval", "--output", dir["nope.png"], "--content", image, "--style", image],
            "missing-style" => ["eval", "--output", image, "--content", image, "--style", dir["nope.png"]],
            _ => ["eval", "--output", image, "--content", image, "--style", image, "--content-mask", image],
        };
        var run = await CliRun.RunAsync(args);
        Assert.True(run.ExitCode == 1, run.ToString());
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Equal("", run.Output);
    }

    static void WriteMask(string path, Func<int, bool> blue)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var image = new Image<Rgb24>(32, 32);
        for (int y = 0; y < 32; y++)
            for (int x = 0; x < 32; x++)
                image[x, y] = blue(x) ? new(0, 0, 255) : new(0, 255, 0);
        image.Save(path);
    }
}
