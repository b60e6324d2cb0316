using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StyleTransfer.Cli.Inputs;
using StyleTransfer.Cli.Options;
using StyleTransfer.Cli.Running;
using StyleTransfer.Contracts;
using StyleTransfer.Grains.Training;
using StyleTransfer.Storage;

namespace StyleTransfer.Cli.Commands;

/// <summary>
/// <c>styletransfer train</c>: trains a feed-forward model as a job on the embedded silo or a cluster (a GPU node
/// first): a per-style transform network for <c>--method fast</c>, or with <c>--decoder</c> an AdaIN decoder for
/// <c>--method adain</c>. Checkpoints go to the result store beside the model; the same command after a crash or
/// Ctrl+C resumes from the last one. The loss curve is written beside the model as &lt;stem&gt;.loss.png.
/// </summary>
public sealed class TrainCommand : Command
{
    public const string Examples = """
        Examples:
          styletransfer train --style starry.jpg --content photos/ --out models/starry.model --network small --crop 128 --steps 600
          styletransfer train --decoder --content photos/ --styles paintings/ --out models/adain.model --steps 4000
          styletransfer train --style /data/starry.jpg --content /data/coco --out models/starry.model --cluster 10.0.0.5:30000

        Content and style sources are folders of images (subfolders included) or single files, readable by the silos.
        Without --cluster, --out is the model file; with --cluster or --store azure it is the model's name in the
        result store. Exit codes: 0 trained (or already trained by the same command), 2 training failed, 1 usage error,
        130 cancelled (run the same command again to resume from the last checkpoint).
        """;

    readonly Option<string> _content = new("--content", "-c") { Description = "Training content images: a folder (subfolders included) or one image", Required = true, HelpName = "folder" };
    readonly Option<string?> _style = new("--style", "-s") { Description = "The style image of a fast model", HelpName = "file" };
    readonly Option<bool> _decoder = new("--decoder") { Description = "Train an AdaIN decoder (for --method adain, any style) instead of a per-style fast model" };
    readonly Option<string?> _styles = new("--styles") { Description = "Style images of an AdaIN decoder: a folder (subfolders included)", HelpName = "folder" };
    readonly Option<string> _out = new("--out", "-o") { Description = "The model file (embedded silo, local store), else its name in the result store", Required = true, HelpName = "file|name" };
    readonly Option<int?> _steps = new("--steps") { Description = "Training steps [default: fast 2000, adain 10000]", HelpName = "n" };
    readonly Option<int?> _batch = new("--batch") { Description = "Images per step [default: fast 4, adain 8]", HelpName = "n" };
    readonly Option<int?> _crop = new("--crop") { Description = "Side of the random crops of the training images [default: 256]", HelpName = "px" };
    readonly Option<int?> _styleSize = new("--style-size") { Description = "Fast: longest side of the style image for its targets [default: 256]", HelpName = "px" };
    readonly Option<double?> _lr = new("--lr") { Description = "Adam's learning rate [default: fast 1e-3, adain 1e-4]", HelpName = "rate" };
    readonly Option<int> _seed = new("--seed") { Description = "Seed of the initial weights and the crop sampling", DefaultValueFactory = _ => 0, HelpName = "n" };
    readonly Option<int> _checkpointEvery = new("--checkpoint-every") { Description = "Store a checkpoint every N steps (0: never)", DefaultValueFactory = _ => 100, HelpName = "n" };
    readonly Option<string?> _network = new Option<string?>("--network") { Description = "Fast: transform network, default (Johnson et al.) or small (a quarter of the compute)", HelpName = "name" }.AcceptOnlyFromAmong("default", "small");
    readonly Option<double?> _contentWeight = new("--content-weight") { Description = "Weight of the content loss [default: fast 1 (gatys), adain 1]", HelpName = "w" };
    readonly Option<double?> _styleWeight = new("--style-weight") { Description = "Weight of the style loss [default: fast 100 (gatys), adain 10]", HelpName = "w" };
    readonly Option<double?> _tvWeight = new("--tv-weight") { Description = "Fast: total variation weight of the teacher [default: gatys's]", HelpName = "w" };
    readonly Option<string?> _backbone = new("--backbone") { Description = "Fast: backbone of the teacher objective [default: resnet18]", HelpName = "name" };
    readonly Option<string?> _weights = new("--weights") { Description = "Backbone weights (VGG .pth, or a ResNet18 .onnx)", HelpName = "file" };
    readonly Option<string?> _encoderLayer = new Option<string?>("--encoder-layer") { Description = "AdaIN: encoder layer the decoder starts from [default: layer2]", HelpName = "layer" }.AcceptOnlyFromAmong("conv1", "layer1", "layer2", "layer3");
    readonly Option<string> _device = new("--device") { Description = "Device of the embedded silo: auto, cpu, cuda, cuda:N", DefaultValueFactory = _ => "auto" };
    readonly ClusterOptions _cluster = new();

    public TrainCommand() : base("train", "Train a feed-forward model: a fast model for one style, or (--decoder) an AdaIN decoder for any style")
    {
        foreach (var option in new Option[] { _content, _style, _decoder, _styles, _out, _steps, _batch, _crop, _styleSize, _lr, _seed,
                     _checkpointEvery, _network, _contentWeight, _styleWeight, _tvWeight, _backbone, _weights, _encoderLayer, _device })
            Options.Add(option);
        foreach (var option in _cluster.All.Where(o => o != _cluster.Overwrite)) Options.Add(option);
        SetAction((parse, cancellationToken) => CliApp.GuardAsync(parse, () => RunAsync(parse, cancellationToken)));
    }

    async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var target = _cluster.Bind(parse);
        var spec = Plan(parse, target);
        var output = parse.InvocationConfiguration.Output;
        output.WriteLine($"Training job {spec.JobId}: {Describe(spec)}, on {target.Describe()}");
        output.Flush();
        await using var connection = await target.ConnectAsync(parse.GetValue(_device)!, cancellationToken);
        var job = connection.Client.GetGrain<ITrainingJobGrain>(spec.JobId);
        try
        {
            await job.StartAsync(spec);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new UsageException(e.Message);
        }
        var status = await new TrainingWatcher(job, output).WatchAsync(cancellationToken);
        return status.State switch
        {
            TrainingState.Succeeded => Report(output, status),
            TrainingState.Cancelled => ExitCodes.Cancelled,
            _ when cancellationToken.IsCancellationRequested => ExitCodes.Cancelled, // still stopping
            _ => Fail(parse.InvocationConfiguration.Error, status),
        };
    }

    static int Report(TextWriter output, TrainingStatus status)
    {
        output.WriteLine($"Model: {status.ModelLocation}");
        if (status.LossCurveLocation is not null) output.WriteLine($"Loss curve: {status.LossCurveLocation}");
        return ExitCodes.Success;
    }

    static int Fail(TextWriter error, TrainingStatus status)
    {
        error.WriteLine($"error: training failed: {Running.SafeText.Escape(status.FailureReason ?? "unknown reason")}");
        return ExitCodes.ItemsFailed;
    }

    TrainingSpec Plan(ParseResult parse, ClusterTarget target)
    {
        bool decoder = parse.GetValue(_decoder);
        var style = parse.GetValue(_style);
        var styles = parse.GetValue(_styles);
        if (decoder && style is not null) throw new UsageException("--style: an AdaIN decoder (--decoder) learns from a folder of styles; give --styles instead");
        if (!decoder && styles is not null) throw new UsageException("--styles: a fast model is trained for one style; give --style, or --decoder for an AdaIN decoder");
        if (!decoder && style is null) throw new UsageException("--style: required (the style of the fast model), or --decoder with --styles");
        if (decoder && styles is null) throw new UsageException("--styles: required with --decoder (a folder of style images)");
        string Source(string option, string value)
        {
            var full = target.IsEmbedded ? Path.GetFullPath(value) : value;
            if (target.IsEmbedded && !File.Exists(full) && !Directory.Exists(full)) throw new UsageException($"{option} {value}: not found");
            return full;
        }
        var outValue = parse.GetValue(_out)!;
        string modelName;
        if (target.OutIsLocalFolder)
        {
            var full = Path.GetFullPath(outValue);
            if (Directory.Exists(full)) throw new UsageException($"--out {outValue}: is a folder; give the model file's name");
            var folder = Path.GetDirectoryName(full)!;
            OutputPaths.CheckFolder("--out", outValue, folder);
            target.Store!.Path = folder;
            modelName = Path.GetFileName(full);
        }
        else
        {
            modelName = outValue.Replace('\\', '/').Trim('/');
            if (ResultNames.Problem(modelName) is string problem) throw new UsageException($"--out {outValue}: {problem}");
        }
        var settings = new TrainingSettings
        {
            Steps = parse.GetValue(_steps), BatchSize = parse.GetValue(_batch), CropSize = parse.GetValue(_crop),
            StyleSize = parse.GetValue(_styleSize), LearningRate = parse.GetValue(_lr), Seed = parse.GetValue(_seed),
            CheckpointEvery = parse.GetValue(_checkpointEvery), Network = parse.GetValue(_network),
            ContentWeight = parse.GetValue(_contentWeight), StyleWeight = parse.GetValue(_styleWeight), TvWeight = parse.GetValue(_tvWeight),
            Backbone = parse.GetValue(_backbone), WeightsPath = parse.GetValue(_weights) is { } w ? Source("--weights", w) : null,
            EncoderLayer = parse.GetValue(_encoderLayer),
        };
        var spec = new TrainingSpec("", decoder ? TrainingKind.AdaIn : TrainingKind.Fast, Source("--content", parse.GetValue(_content)!),
            style is null ? null : Source("--style", style), styles is null ? null : Source("--styles", styles), modelName, settings);
        try
        {
            TrainingSpecMapping.ToRequest(spec with { JobId = "check" });
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        var jobId = _cluster.ExplicitJobId(parse)
            ?? "train-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { spec, target = target.Describe() }))))[..16];
        return spec with { JobId = jobId };
    }

    static string Describe(TrainingSpec spec)
    {
        var request = TrainingSpecMapping.ToRequest(spec);
        var what = spec.Kind == TrainingKind.Fast ? $"fast model of {Path.GetFileName(spec.StylePath)}" : "AdaIN decoder";
        var crop = request.Kind == Engine.Methods.FeedForward.ModelKind.Fast ? request.Fast.CropSize : request.AdaIn.CropSize;
        return string.Create(CultureInfo.InvariantCulture, $"{what}, {request.Steps} steps on {crop} px crops, to {spec.ModelName}");
    }
}
