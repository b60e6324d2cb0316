using System.Globalization;
using System.Text.RegularExpressions;
using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.FeedForward;
using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Engine.Methods.Moments;
using StyleTransfer.Engine.Methods.Photo;
using StyleTransfer.Engine.Methods.Strotss;

namespace StyleTransfer.Cli.Options;

/// <summary>
/// Every method option, declared once: name, help, where it lives in <see cref="StylizeOptions"/> (its default is
/// the engine's), the methods it applies to, its range and the engine messages that name it. The order is the
/// help's and the binding's.
/// </summary>
public static partial class MethodOptionTable
{
    const string Gatys = GatysMethod.MethodName, Photo = PhotoMethod.MethodName, Strotss = StrotssMethod.MethodName,
        Fast = FastMethod.MethodName, AdaIn = AdaInMethod.MethodName, Moments = MomentsMethod.MethodName;
    // The methods that read the gatys settings (layers, weights, optimizer; photo has its own scales).
    static readonly string[] GatysSettings = [Gatys, Photo, Moments];
    static readonly string[] Optimizing = [.. GatysSettings, Strotss];

    // "3 scales from 64 px make the coarsest scale smaller than 16 px": about --size and the method's scales.
    const string ScalesFromSize = @"\d+ scales from";

    public static readonly IReadOnlyList<MethodOption> Rows =
    [
        new MethodOption<string>
        {
            Name = "--method", HelpName = "name",
            Description = "Stylization method: gatys (Gatys et al., CVPR 2016), photo (Deep Photo Style Transfer, Luan et al., CVPR 2017: "
                + "photorealistic, semantic groups from masks or automatic), strotss (Kolkin et al., CVPR 2019; masks are colour-coded region guidance), "
                + "fast (Johnson et al., ECCV 2016: one pass of a network trained for the style, --model), adain (Huang and Belongie, ICCV 2017: any style in one pass, --model decoder, --alpha), "
                + "moments (Li et al., IJCAI 2017: gatys with each channel's mean and std as the style statistic instead of the Gram)",
            Get = o => o.Method,
            Set = (o, v) => o with { Method = MethodName(v) },
        },
        new MethodOption<string>
        {
            Name = "--backbone", Description = "Feature network: resnet18 (weights shipped), vgg19 or vgg16 (need --weights)",
            Methods = [.. Optimizing, AdaIn], Choices = [.. BackboneFactory.Names], Messages = ["backbone"],
            Get = o => o.Shared.Backbone,
            Set = (o, v) => o with { Shared = o.Shared with { Backbone = v } },
        },
        new MethodOption<string?>
        {
            Name = "--weights", HelpName = "file", Description = "Backbone weights: torchvision VGG state dict (.pth), or a ResNet18 .onnx for resnet18",
            Methods = [.. Optimizing, AdaIn],
            Get = o => o.Shared.WeightsPath,
            Set = (o, v) => o with { Shared = o.Shared with { WeightsPath = ExistingFile("--weights", v) } },
        },
        new MethodOption<int>
        {
            Name = "--size", HelpName = "px", Description = "Longest side of the output in pixels", Range = (16, 8192),
            Messages = ["size", ScalesFromSize],
            Get = o => o.Shared.MaxSize,
            Set = (o, v) => o with { Shared = o.Shared with { MaxSize = v } },
        },
        new MethodOption<int>
        {
            Name = "--iterations", HelpName = "n",
            Description = "Optimizer iterations per scale (photo counts --photo-style-iterations and --photo-iterations)",
            Methods = [Gatys, Strotss, Moments], Range = (1, 100_000), Messages = ["iterations"],
            InsteadFor = new Dictionary<string, string> { [Photo] = "--photo-style-iterations and --photo-iterations" },
            Get = o => o.Shared.Iterations,
            Set = (o, v) => o with { Shared = o.Shared with { Iterations = v } },
        },
        new MethodOption<int>
        {
            Name = "--scales", HelpName = "n", Description = "Number of scales, coarse to fine, each half the size of the next",
            Methods = [Gatys, Moments], Range = (1, 6), Messages = ["scales", ScalesFromSize],
            InsteadFor = new Dictionary<string, string> { [Photo] = "--photo-scales", [Strotss] = "--strotss-scales" },
            Get = o => o.Gatys.Scales,
            Set = (o, v) => o with { Gatys = o.Gatys with { Scales = v } },
        },
        new MethodOption<double>
        {
            Name = "--content-weight", HelpName = "w", Description = "Weight of the content loss",
            Methods = GatysSettings, Messages = ["content weight", "content and style weights"],
            InsteadFor = new Dictionary<string, string> { [Strotss] = "--strotss-content-weight" },
            Get = o => o.Gatys.ContentWeight,
            Set = (o, v) => o with { Gatys = o.Gatys with { ContentWeight = v } },
        },
        new MethodOption<double>
        {
            Name = "--style-weight", HelpName = "w", Description = "Weight of the style loss",
            Methods = GatysSettings, Messages = ["style weight", "content and style weights"],
            Get = o => o.Gatys.StyleWeight,
            Set = (o, v) => o with { Gatys = o.Gatys with { StyleWeight = v } },
        },
        new MethodOption<double>
        {
            Name = "--tv-weight", HelpName = "w", Description = "Weight of the total variation (smoothness) loss",
            Methods = GatysSettings, Messages = ["tv weight"],
            Get = o => o.Gatys.TvWeight,
            Set = (o, v) => o with { Gatys = o.Gatys with { TvWeight = v } },
        },
        new MethodOption<string?>
        {
            Name = "--content-layers", HelpName = "a,b", Description = "Comma-separated content layers (default: the backbone's)",
            Methods = GatysSettings,
            Get = o => JoinList(o.Gatys.ContentLayers),
            Set = (o, v) => o with { Gatys = o.Gatys with { ContentLayers = SplitList(v) } },
        },
        new MethodOption<string?>
        {
            Name = "--style-layers", HelpName = "a,b",
            Description = "Comma-separated style layers, 'pixels' for the colour moments (default: the backbone's plus pixels)",
            Methods = GatysSettings,
            Get = o => JoinList(o.Gatys.StyleLayers),
            Set = (o, v) => o with { Gatys = o.Gatys with { StyleLayers = SplitList(v) } },
        },
        new MethodOption<string?>
        {
            Name = "--style-layer-weights", HelpName = "x,y", Description = "Comma-separated weights, one per --style-layers entry (default: equal)",
            Methods = GatysSettings, Messages = ["style layer weights"],
            Get = o => o.Gatys.StyleLayerWeights is { } w ? string.Join(",", w.Select(x => x.ToString(CultureInfo.InvariantCulture))) : null,
            Set = (o, v) => o with { Gatys = o.Gatys with { StyleLayerWeights = ParseNumbers("--style-layer-weights", v) } },
        },
        new MethodOption<string>
        {
            Name = "--init", Description = "Starting image: the content image or noise",
            Methods = GatysSettings, Choices = ["content", "noise"],
            Get = o => o.Gatys.Init.ToString().ToLowerInvariant(),
            Set = (o, v) => o with { Gatys = o.Gatys with { Init = v == "noise" ? InitMode.Noise : InitMode.Content } },
        },
        new MethodOption<string>
        {
            Name = "--optimizer", Description = "Optimizer",
            Methods = GatysSettings, Choices = ["lbfgs", "adam"],
            Get = o => o.Gatys.Optimizer.ToString().ToLowerInvariant(),
            Set = (o, v) => o with { Gatys = o.Gatys with { Optimizer = v == "adam" ? OptimizerKind.Adam : OptimizerKind.Lbfgs } },
        },
        new MethodOption<double>
        {
            Name = "--lr", HelpName = "rate", Description = "Adam learning rate, pixels in [0,1] (L-BFGS ignores it)",
            Methods = GatysSettings, Messages = ["learning rate"],
            InsteadFor = new Dictionary<string, string> { [Strotss] = "--strotss-lr" },
            Get = o => o.Gatys.LearningRate,
            Set = (o, v) => o with { Gatys = o.Gatys with { LearningRate = v } },
        },
        new MethodOption<bool>
        {
            Name = "--preserve-color", Description = "Transfer luminance only and keep the content's colours",
            Methods = [Gatys],
            Get = o => o.Gatys.PreserveColor,
            Set = (o, v) => o with { Gatys = o.Gatys with { PreserveColor = v } },
        },
        new MethodOption<bool>
        {
            Name = "--softmax", Description = "Softmax-transform activations before style and content statistics (Wang et al. 2021; off by default)",
            Methods = GatysSettings,
            Get = o => o.Gatys.SoftmaxStyle,
            Set = (o, v) => o with { Gatys = o.Gatys with { SoftmaxStyle = v } },
        },
        new MethodOption<double>
        {
            Name = "--softmax-temperature", HelpName = "t", Description = "Temperature of the softmax transformation",
            Methods = GatysSettings, Messages = ["softmax temperature"],
            Get = o => o.Gatys.SoftmaxTemperature,
            Set = (o, v) => o with { Gatys = o.Gatys with { SoftmaxTemperature = v } },
        },
        new MethodOption<bool>
        {
            Name = "--no-anti-alias", Description = "Optimize the pixels themselves, not a low-passed change of the image (which keeps the backbone's stride-2 stem from printing a checkerboard)",
            Methods = GatysSettings,
            Get = o => !o.Gatys.AntiAlias,
            Set = (o, v) => o with { Gatys = o.Gatys with { AntiAlias = !v } },
        },
        new MethodOption<int>
        {
            Name = "--seed", HelpName = "n", Description = "Random seed (noise init)",
            Get = o => o.Shared.Seed,
            Set = (o, v) => o with { Shared = o.Shared with { Seed = v } },
        },
        new MethodOption<int>
        {
            Name = "--snapshot-every", HelpName = "n", Description = "Intermediate snapshot every N iterations (0 = never)",
            Messages = ["snapshot interval"],
            Get = o => o.Shared.SnapshotEvery,
            Set = (o, v) => o with { Shared = o.Shared with { SnapshotEvery = v } },
        },
        new MethodOption<string>
        {
            Name = "--device", HelpName = "auto|cpu|cuda", Description = "Torch device: auto (CUDA when present), cpu, cuda or cuda:N",
            Get = o => o.Shared.Device,
            Set = (o, v) => o with { Shared = o.Shared with { Device = DeviceName(v) } },
        },
        new MethodOption<double>
        {
            Name = "--photo-lambda", HelpName = "λ", Description = "Weight λ of the Matting-Laplacian photorealism term",
            Methods = [Photo], Messages = ["photorealism weight"],
            Get = o => o.Photo.Lambda,
            Set = (o, v) => o with { Photo = o.Photo with { Lambda = v } },
        },
        new MethodOption<double>
        {
            Name = "--photo-epsilon", HelpName = "ε", Description = "Regularizer ε of the matting Laplacian's local affine fits (larger: less gain allowed in flat areas)",
            Methods = [Photo], Messages = ["matting Laplacian epsilon"],
            Get = o => o.Photo.Epsilon,
            Set = (o, v) => o with { Photo = o.Photo with { Epsilon = v } },
        },
        new MethodOption<double>
        {
            Name = "--photo-color-weight", HelpName = "w", Description = "Weight of the per-region colour distribution term (sliced Wasserstein; 0 = off)",
            Methods = [Photo], Messages = ["colour distribution weight"],
            Get = o => o.Photo.ColorWeight,
            Set = (o, v) => o with { Photo = o.Photo with { ColorWeight = v } },
        },
        new MethodOption<bool>
        {
            Name = "--photo-content-start", Description = "Start the optimization from the content itself, not from the content recoloured region by region with the style's colours",
            Methods = [Photo],
            Get = o => !o.Photo.StartFromColorTransfer,
            Set = (o, v) => o with { Photo = o.Photo with { StartFromColorTransfer = !v } },
        },
        new MethodOption<int>
        {
            Name = "--photo-scales", HelpName = "n",
            Description = "Number of scales, coarse to fine, each half the size of the next: stage 1 runs on all but the finest, stage 2 at full size",
            Methods = [Photo], Range = (1, 6), Messages = ["scales", ScalesFromSize],
            Get = o => o.Photo.Scales,
            Set = (o, v) => o with { Photo = o.Photo with { Scales = v } },
        },
        new MethodOption<int>
        {
            Name = "--photo-style-iterations", HelpName = "n", Description = "Iterations of stage 1 (segmented neural style)",
            Methods = [Photo], Messages = ["style-stage iterations", "style-stage and photorealism-stage iterations"],
            Get = o => o.Photo.StyleIterations,
            Set = (o, v) => o with { Photo = o.Photo with { StyleIterations = v } },
        },
        new MethodOption<int>
        {
            Name = "--photo-iterations", HelpName = "n", Description = "Iterations of stage 2 (photorealistic pass, initialised from stage 1)",
            Methods = [Photo], Messages = ["photorealism-stage iterations", "style-stage and photorealism-stage iterations"],
            Get = o => o.Photo.PhotoIterations,
            Set = (o, v) => o with { Photo = o.Photo with { PhotoIterations = v } },
        },
        new MethodOption<bool>
        {
            Name = "--no-smooth", Description = "Skip the final edge-aware smoothing",
            Methods = [Photo],
            Get = o => !o.Photo.Smooth,
            Set = (o, v) => o with { Photo = o.Photo with { Smooth = !v } },
        },
        new MethodOption<int>
        {
            Name = "--auto-groups", HelpName = "n", Description = "Without masks: at most this many automatic semantic groups",
            Methods = [Photo], Messages = ["max groups", "clusters"],
            Get = o => o.Photo.Segmentation.MaxGroups,
            Set = (o, v) => o with { Photo = o.Photo with { Segmentation = o.Photo.Segmentation with { MaxGroups = v } } },
        },
        new MethodOption<double>
        {
            Name = "--strotss-content-weight", HelpName = "α", Description = "Content weight α at the coarsest scale (halved at each finer scale)",
            Methods = [Strotss], Messages = ["content weight"],
            Get = o => o.Strotss.ContentWeight,
            Set = (o, v) => o with { Strotss = o.Strotss with { ContentWeight = v } },
        },
        new MethodOption<int>
        {
            Name = "--strotss-scales", HelpName = "n", Description = "Number of scales, coarse to fine (--iterations per scale)",
            Methods = [Strotss], Range = (1, 6), Messages = ["scales", ScalesFromSize],
            Get = o => o.Strotss.Scales,
            Set = (o, v) => o with { Strotss = o.Strotss with { Scales = v } },
        },
        new MethodOption<double>
        {
            Name = "--strotss-lr", HelpName = "rate", Description = "RMSprop learning rate of the Laplacian pyramid",
            Methods = [Strotss], Messages = ["learning rate"],
            Get = o => o.Strotss.LearningRate,
            Set = (o, v) => o with { Strotss = o.Strotss with { LearningRate = v } },
        },
        new MethodOption<int>
        {
            Name = "--samples", HelpName = "n", Description = "Feature positions sampled (anew) each step",
            Methods = [Strotss], Range = (2, 65_536), Messages = ["samples"],
            Get = o => o.Strotss.Samples,
            Set = (o, v) => o with { Strotss = o.Strotss with { Samples = v } },
        },
        new MethodOption<string?>
        {
            Name = "--model", HelpName = "file", Description = "fast: the model trained for the style; adain: the decoder (both made by 'styletransfer train')",
            Methods = [Fast, AdaIn], Messages = ["method fast needs a model", "method adain needs a decoder"],
            Get = o => o.Method == AdaIn ? o.AdaIn.ModelPath : o.Fast.ModelPath,
            Set = (o, v) => o.Method == AdaIn
                ? o with { AdaIn = o.AdaIn with { ModelPath = ExistingFile("--model", v) } }
                : o with { Fast = o.Fast with { ModelPath = ExistingFile("--model", v) } },
        },
        new MethodOption<double>
        {
            Name = "--alpha", HelpName = "a", Description = "Content/style strength: 0 keeps the content, 1 is full style",
            Methods = [AdaIn], Range = (0, 1), Messages = ["alpha"],
            Get = o => o.AdaIn.Alpha,
            Set = (o, v) => o with { AdaIn = o.AdaIn with { Alpha = v } },
        },
    ];

    static string MethodName(string value) => MethodRegistry.TryGet(value.Trim())?.Name
        ?? throw new UsageException($"--method {value.Trim()}: unknown method; available methods: {string.Join(", ", MethodRegistry.Names)}");

    static string DeviceName(string value)
    {
        var device = value.Trim().ToLowerInvariant();
        return DevicePattern().IsMatch(device) ? device : throw new UsageException($"--device {device}: expected auto, cpu, cuda or cuda:N");
    }

    /// <summary>The file as a full path (the nodes read it), checked to exist here; null when not given.</summary>
    static string? ExistingFile(string option, string? path)
    {
        if (path is null) return null;
        if (!File.Exists(path)) throw new UsageException($"{option} {path}: no such file");
        return Path.GetFullPath(path);
    }

    static string? JoinList(IReadOnlyList<string>? list) => list is null ? null : string.Join(",", list);

    static IReadOnlyList<string>? SplitList(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    static IReadOnlyList<double>? ParseNumbers(string option, string? value)
    {
        var parts = SplitList(value);
        if (parts is null) return null;
        return parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new UsageException($"{option} {value}: '{p}' is not a number")).ToList();
    }

    [GeneratedRegex(@"^(auto|cpu|cuda(:\d+)?)$")]
    private static partial Regex DevicePattern();
}
