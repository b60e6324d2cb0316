namespace StyleTransfer.Cli.Tests;

/// <summary>Absurd inputs stop before any silo starts: exit code 1 and one line naming the option or input.</summary>
public sealed class OptionValidationTests : IDisposable
{
    readonly TempFolder _dir = new();
    readonly string _content;
    readonly string _style;

    public OptionValidationTests()
    {
        _content = Path.GetDirectoryName(_dir.File("photos/a.png"))!;
        _style = _dir.File("starry.png");
    }

    public void Dispose() => _dir.Dispose();

    Task<CliRun> Batch(params string[] extra) =>
        CliRun.RunAsync(["batch", "--content", _content, "--style", _style, "--out", _dir["out"], .. extra]);

    [Theory]
    [InlineData("--size", "0")]
    [InlineData("--size", "100000")]
    [InlineData("--iterations", "0")]
    [InlineData("--scales", "9")]
    [InlineData("--style-weight", "-1")]
    [InlineData("--content-weight", "-0.5")]
    [InlineData("--tv-weight", "-1")]
    [InlineData("--lr", "0")]
    [InlineData("--softmax-temperature", "0")]
    [InlineData("--snapshot-every", "-3")]
    public async Task Absurd_method_values_exit_1_naming_the_option(string option, string value)
    {
        var run = await Batch(option, value);

        Assert.True(run.ExitCode == 1, run.ToString());
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {option}:", line);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.False(Directory.Exists(_dir["out"]), "nothing may be written for a usage error");
    }

    [Theory]
    [InlineData(new[] { "--method", "cyclegan" }, "--method cyclegan: unknown method; available methods: gatys, photo, strotss")]
    [InlineData(new[] { "--device", "tpu" }, "--device tpu")]
    [InlineData(new[] { "--backbone", "vgg19" }, "--backbone vgg19: needs --weights")]
    [InlineData(new[] { "--weights", "/nope/vgg19.pth" }, "--weights /nope/vgg19.pth: no such file")]
    [InlineData(new[] { "--style-layers", "a,b", "--style-layer-weights", "1,x" }, "--style-layer-weights 1,x: 'x' is not a number")]
    [InlineData(new[] { "--style-layer-weights", "1,2" }, "--style-layer-weights: style layer weights need explicit style layers")]
    [InlineData(new[] { "--store", "azure", "--azure-connection", "UseDevelopmentStorage=true", "--container", "Bad_Name" }, "--container Bad_Name")]
    [InlineData(new[] { "--method", "photo", "--photo-epsilon", "0" }, "error: --photo-epsilon: matting Laplacian epsilon 0 is out of range (0..1]")]
    [InlineData(new[] { "--cluster", "localhost:30000", "--store", "azure" }, "--store: the result store of a running cluster is configured on its silos")]
    public async Task Bad_option_combinations_exit_1_with_one_clear_line(string[] extra, string expected)
    {
        var run = await Batch(extra);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(expected, run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Theory]
    [InlineData(new[] { "--method", "photo", "--preserve-color" }, "error: --preserve-color: does not apply to --method photo (it applies to gatys)")]
    [InlineData(new[] { "--method", "photo", "--iterations", "50" }, "error: --iterations: does not apply to --method photo (it applies to gatys, strotss, moments); photo takes --photo-style-iterations and --photo-iterations")]
    [InlineData(new[] { "--photo-lambda", "5" }, "error: --photo-lambda: does not apply to --method gatys (it applies to photo)")]
    [InlineData(new[] { "--method", "strotss", "--style-weight", "5" }, "error: --style-weight: does not apply to --method strotss (it applies to gatys, photo, moments)")]
    [InlineData(new[] { "--method", "gatys", "--samples", "5" }, "error: --samples: does not apply to --method gatys (it applies to strotss)")]
    [InlineData(new[] { "--method", "moments", "--preserve-color" }, "error: --preserve-color: does not apply to --method moments (it applies to gatys)")]
    public async Task An_option_the_method_does_not_take_is_refused_naming_it(string[] extra, string expected)
    {
        var run = await Batch(extra);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(expected, run.Error.Trim());
        Assert.False(Directory.Exists(_dir["out"]), "nothing may be written for a usage error");
    }

    [Fact]
    public async Task A_blend_the_method_cannot_run_is_refused_before_any_item_runs()
    {
        var second = _dir.File("wave.png");
        var run = await Batch("--method", "photo", "--style", second, "--blend");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("method photo takes exactly one style image, not 2 (only gatys, moments blend styles)", run.Error);
        Assert.False(Directory.Exists(_dir["out"]), "nothing may be written for a usage error");
    }

    [Fact]
    public async Task Parse_errors_exit_1_without_dumping_help()
    {
        var run = await Batch("--iterations", "many");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("many", run.Error);
        Assert.DoesNotContain("Usage:", run.Output + run.Error);

        var unknown = await CliRun.RunAsync("batch", "--content", _content, "--style", _style);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("--out", unknown.Error);
    }

    [Fact]
    public async Task Missing_content_path_and_empty_folder_name_the_input()
    {
        var missing = await CliRun.RunAsync("batch", "--content", _dir["nope"], "--style", _style, "--out", _dir["out"]);
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal($"error: --content {_dir["nope"]}: no such file or folder", missing.Error.Trim());

        Directory.CreateDirectory(_dir["empty"]);
        var empty = await CliRun.RunAsync("batch", "--content", _dir["empty"], "--style", _style, "--out", _dir["out"]);
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains($"--content {_dir["empty"]}: no images found", empty.Error);

        var style = await Batch("--style", _dir["nope.png"]);
        Assert.Equal(1, style.ExitCode);
        Assert.Contains($"--style {_dir["nope.png"]}: no such file", style.Error);
    }

    [Fact]
    public async Task Image_checks_its_content_output_and_masks()
    {
        var content = Path.Combine(_content, "a.png");
        var missing = await CliRun.RunAsync("image", _dir["nope.png"], "--style", _style, "--out", _dir["o.png"]);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains($"content {_dir["nope.png"]}: no such file", missing.Error);

        var jpg = await CliRun.RunAsync("image", content, "--style", _style, "--out", _dir["o.jpg"]);
        Assert.Equal(1, jpg.ExitCode);
        Assert.Contains("ending in .png", jpg.Error);

        var oneMask = await CliRun.RunAsync("image", content, "--style", _style, "--out", _dir["o.png"], "--content-mask", content);
        Assert.Equal(1, oneMask.ExitCode);
        Assert.Contains("give both masks or neither", oneMask.Error);
    }

    [Fact]
    public async Task Help_lists_defaults_and_examples()
    {
        var run = await CliRun.RunAsync("batch", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--size <px>", run.Output);
        Assert.Contains("[default: 512]", run.Output);
        Assert.Contains("[default: 200]", run.Output);
        Assert.Contains("[default: resnet18]", run.Output);
        Assert.Contains("Examples:", run.Output);
        Assert.Contains("--blend", run.Output);

        var image = await CliRun.RunAsync("image", "--help");
        Assert.Contains("styletransfer image photo.jpg", image.Output);
    }
}
