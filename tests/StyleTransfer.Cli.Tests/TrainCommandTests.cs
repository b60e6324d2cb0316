using SixLabors.ImageSharp;
using StyleTransfer.Engine.Methods.FeedForward;

namespace StyleTransfer.Cli.Tests;

/// <summary>
/// Issue 11: <c>styletransfer train</c> as a job on the embedded silo: tiny fast and AdaIN trainings end to end, a
/// cancelled training resumed from its stored checkpoint to the very model an uninterrupted run gives, and refusals.
/// </summary>
public sealed class TrainCommandTests : IDisposable
{
    readonly TempFolder _dir = new();

    static readonly string[] Tiny = ["--network", "small", "--crop", "32", "--style-size", "32", "--batch", "2", "--device", "cpu"];

    string Content()
    {
        for (int i = 0; i < 3; i++) _dir.Image($"content/class{i % 2}/img{i}.png", 48, 40, seed: i);
        _dir.File("content/labels.txt", "not an image");
        return _dir["content"];
    }

    [Fact]
    public async Task FastModelIsTrainedStoredWithItsLossCurveAndLoads()
    {
        var content = Content();
        var style = _dir.Image("style.png", 40, 40, seed: 5);
        var run = await CliRun.RunAsync(["train", "--style", style, "--content", content, "--out", _dir["models/s.model"],
            "--steps", "6", "--checkpoint-every", "2", .. Tiny]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("step 6/6", run.Output);
        Assert.Contains($"Model: {_dir["models/s.model"]}", run.Output);
        Assert.Contains("skipped training image", run.Output); // labels.txt is listed, not silently dropped
        using var model = FastStyleModel.Load(_dir["models/s.model"]);
        Assert.Equal(ModelKind.Fast, model.Header.Kind);
        Assert.Equal(6, model.Header.Steps);
        Assert.Equal(TransformNetArchitecture.Small, model.Header.TransformNet);
        var curve = Image.Identify(_dir["models/s.loss.png"]);
        Assert.Equal(800, curve.Width);
        Assert.Equal(6, TrainingCheckpoint.Load(_dir["models/s.model.checkpoint"]).Step);

        var styled = await CliRun.RunAsync(["image", _dir["content/class0/img0.png"], "--style", style, "--method", "fast",
            "--model", _dir["models/s.model"], "--size", "32", "--out", _dir["fast.png"], "--device", "cpu"]);
        Assert.True(styled.ExitCode == 0, styled.ToString());
        Assert.Equal(32, Image.Identify(_dir["fast.png"]).Width);
        var otherStyle = await CliRun.RunAsync(["image", _dir["content/class0/img0.png"], "--style", _dir.Image("other.png", 40, 40, seed: 9),
            "--method", "fast", "--model", _dir["models/s.model"], "--size", "32", "--out", _dir["other-out.png"], "--device", "cpu"]);
        Assert.Equal(ExitCodes.ItemsFailed, otherStyle.ExitCode);
        Assert.Contains("was trained for another style image", otherStyle.Output + otherStyle.Error);
    }

    [Fact]
    public async Task CancelledTrainingResumesFromItsCheckpointToTheSameModel()
    {
        var content = Content();
        var style = _dir.Image("style.png", 40, 40, seed: 5);
        string[] Args(string folder) => ["train", "--style", style, "--content", content, "--out", _dir[$"{folder}/s.model"],
            "--steps", "10", "--checkpoint-every", "2", .. Tiny];

        var whole = await CliRun.RunAsync(Args("whole"));
        Assert.True(whole.ExitCode == 0, whole.ToString());

        using var stop = new CancellationTokenSource();
        var (output, error) = (new StringWriter(), new StringWriter());
        var cut = CliApp.RunAsync(Args("cut"), output, error, stop.Token);
        while (!cut.IsCompleted && !File.Exists(_dir["cut/s.model.checkpoint"])) await Task.Delay(20);
        stop.Cancel();
        int code = await cut;
        Assert.True(code == ExitCodes.Cancelled, $"exit {code}\n{output}\n{error}");
        Assert.False(File.Exists(_dir["cut/s.model"]), "a cancelled training left a model");
        int reached = TrainingCheckpoint.Load(_dir["cut/s.model.checkpoint"]).Step;
        Assert.InRange(reached, 2, 8);

        var resumed = await CliRun.RunAsync(Args("cut"));
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("resumed from step", resumed.Output);
        var a = FastStyleModel.Load(_dir["whole/s.model"]).Header;
        var b = FastStyleModel.Load(_dir["cut/s.model"]).Header;
        Assert.Equal(a.WeightsSha256, b.WeightsSha256);
    }

    [Fact]
    public async Task SecondRunOfTheSameCommandFindsTheModelDone()
    {
        var content = Content();
        var style = _dir.Image("style.png", 40, 40, seed: 5);
        string[] args = ["train", "--style", style, "--content", content, "--out", _dir["m/s.model"], "--steps", "2", .. Tiny];
        Assert.Equal(0, (await CliRun.RunAsync(args)).ExitCode);
        var written = File.GetLastWriteTimeUtc(_dir["m/s.model"]);
        var again = await CliRun.RunAsync(args);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(written, File.GetLastWriteTimeUtc(_dir["m/s.model"]));
    }

    [Fact]
    public async Task AdaInDecoderIsTrainedFromFoldersOfContentAndStyles()
    {
        var content = Content();
        for (int i = 0; i < 2; i++) _dir.Image($"styles/s{i}.png", 40, 40, seed: 7 + i);
        var run = await CliRun.RunAsync(["train", "--decoder", "--content", content, "--styles", _dir["styles"], "--out", _dir["d/adain.model"],
            "--steps", "3", "--crop", "32", "--batch", "2", "--encoder-layer", "layer1", "--device", "cpu"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var header = ModelFile.Read(_dir["d/adain.model"]).Header;
        Assert.Equal(ModelKind.AdaInDecoder, header.Kind);
        Assert.Equal("layer1", header.Decoder!.EncoderLayer);
        Assert.Equal(3, header.Steps);
    }

    [Fact]
    public async Task FileNotWrittenByATrainingIsNotReplaced()
    {
        var content = Content();
        var style = _dir.Image("style.png", 40, 40, seed: 5);
        var foreign = _dir.File("m/s.model", "somebody's file");
        var run = await CliRun.RunAsync(["train", "--style", style, "--content", content, "--out", foreign, "--steps", "2", .. Tiny]);
        Assert.Equal(ExitCodes.ItemsFailed, run.ExitCode);
        Assert.Contains("was not written by a styletransfer training", run.Error);
        Assert.Equal("somebody's file", File.ReadAllText(foreign));
    }

    [Fact]
    public async Task CorruptStyleFailsTheTrainingNamingTheFile()
    {
        var content = Content();
        var style = _dir.File("broken.jpg", "this is not a jpeg");
        var run = await CliRun.RunAsync(["train", "--style", style, "--content", content, "--out", _dir["m/s.model"], "--steps", "2", .. Tiny]);
        Assert.Equal(ExitCodes.ItemsFailed, run.ExitCode);
        Assert.Contains(style, run.Error);
        Assert.False(File.Exists(_dir["m/s.model"]));
    }

    [Theory]
    [InlineData("--network", "small", "a transform network does not apply to training an AdaIN decoder")]
    [InlineData("--style-size", "64", "style size does not apply")]
    public async Task OptionOfTheOtherKindIsRefused(string option, string value, string message)
    {
        var content = Content();
        var run = await CliRun.RunAsync(["train", "--decoder", "--content", content, "--styles", content, "--out", _dir["m/d.model"], option, value]);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public async Task StyleAndStylesDoNotMix()
    {
        var content = Content();
        var run = await CliRun.RunAsync(["train", "--decoder", "--style", _dir.Image("s.png"), "--content", content, "--out", _dir["m/d.model"]]);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--style: an AdaIN decoder", run.Error);
    }

    public void Dispose() => _dir.Dispose();
}
