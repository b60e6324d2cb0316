using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.FeedForward;
using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Engine.Methods.Photo;
using StyleTransfer.Engine.Methods.Strotss;

namespace StyleTransfer.Cli.Options;

/// <summary>
/// The method's command-line options, one per setting of the engine's <see cref="StylizeOptions"/>, with its
/// defaults. <see cref="Bind"/> builds the options and validates them with the chosen method, reporting the
/// offending option by name; an option given for a method it does not apply to is refused (<see cref="AppliesTo"/>).
/// </summary>
public sealed partial class MethodOptions
{
    public static IReadOnlyList<string> Methods => MethodRegistry.Names;
    static readonly StylizeOptions Defaults = new();

    public MethodOptions()
    {
        // Numbers are read here, leniently; Bind reports a value that is not a finite number against its option.
        foreach (var option in All.OfType<Option<double>>())
            option.CustomParser = result => double.TryParse(result.Tokens.Count == 1 ? result.Tokens[0].Value : "",
                NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
    }

    public Option<string> Method { get; } = new("--method")
    {
        Description = "Stylization method: gatys (Gatys et al., CVPR 2016), photo (Deep Photo Style Transfer, Luan et al., CVPR 2017: "
            + "photorealistic, semantic groups from masks or automatic), strotss (Kolkin et al., CVPR 2019; masks are colour-coded region guidance), "
            + "fast (Johnson et al., ECCV 2016: one pass of a network trained for the style, --model), adain (Huang and Belongie, ICCV 2017: any style in one pass, --model decoder, --alpha)",
        DefaultValueFactory = _ => Defaults.Method,
        HelpName = "name",
    };

    public Option<string> Backbone { get; } = new Option<string>("--backbone")
    {
        Description = "Feature network: resnet18 (weights shipped), vgg19 or vgg16 (need --weights)",
        DefaultValueFactory = _ => Defaults.Shared.Backbone,
    }.AcceptOnlyFromAmong([.. BackboneFactory.Names]);

    public Option<string?> Weights { get; } = new("--weights")
    {
        Description = "Backbone weights: torchvision VGG state dict (.pth), or a ResNet18 .onnx for resnet18",
        HelpName = "file",
    };

    public Option<int> Size { get; } = new("--size")
    {
        Description = "Longest side of the output in pixels (16..8192)",
        DefaultValueFactory = _ => Defaults.Shared.MaxSize,
        HelpName = "px",
    };

    public Option<int> Iterations { get; } = new("--iterations")
    {
        Description = "Optimizer iterations per scale (gatys, strotss; photo counts --photo-style-iterations and --photo-iterations)",
        DefaultValueFactory = _ => Defaults.Shared.Iterations,
        HelpName = "n",
    };

    public Option<int> Scales { get; } = new("--scales")
    {
        Description = "Number of scales, coarse to fine, each half the size of the next (1..6)",
        DefaultValueFactory = _ => Defaults.Gatys.Scales,
        HelpName = "n",
    };

    public Option<double> ContentWeight { get; } = new("--content-weight")
    {
        Description = "Weight of the content loss",
        DefaultValueFactory = _ => Defaults.Gatys.ContentWeight,
        HelpName = "w",
    };

    public Option<double> StyleWeight { get; } = new("--style-weight")
    {
        Description = "Weight of the style loss",
        DefaultValueFactory = _ => Defaults.Gatys.StyleWeight,
        HelpName = "w",
    };

    public Option<double> TvWeight { get; } = new("--tv-weight")
    {
        Description = "Weight of the total variation (smoothness) loss",
        DefaultValueFactory = _ => Defaults.Gatys.TvWeight,
        HelpName = "w",
    };

    public Option<string?> ContentLayers { get; } = new("--content-layers")
    {
        Description = "Comma-separated content layers (default: the backbone's)",
        HelpName = "a,b",
    };

    public Option<string?> StyleLayers { get; } = new("--style-layers")
    {
        Description = "Comma-separated style layers, 'pixels' for the colour moments (default: the backbone's plus pixels)",
        HelpName = "a,b",
    };

    public Option<string?> StyleLayerWeights { get; } = new("--style-layer-weights")
    {
        Description = "Comma-separated weights, one per --style-layers entry (default: equal)",
        HelpName = "x,y",
    };

    public Option<string> Init { get; } = new Option<string>("--init")
    {
        Description = "Starting image: the content image or noise",
        DefaultValueFactory = _ => Defaults.Gatys.Init.ToString().ToLowerInvariant(),
    }.AcceptOnlyFromAmong("content", "noise");

    public Option<string> Optimizer { get; } = new Option<string>("--optimizer")
    {
        Description = "Optimizer",
        DefaultValueFactory = _ => Defaults.Gatys.Optimizer.ToString().ToLowerInvariant(),
    }.AcceptOnlyFromAmong("lbfgs", "adam");

    public Option<double> LearningRate { get; } = new("--lr")
    {
        Description = "Adam learning rate, pixels in [0,1] (L-BFGS ignores it)",
        DefaultValueFactory = _ => Defaults.Gatys.LearningRate,
        HelpName = "rate",
    };

    public Option<bool> PreserveColor { get; } = new("--preserve-color")
    {
        Description = "Transfer luminance only and keep the content's colours",
    };

    public Option<bool> Softmax { get; } = new("--softmax")
    {
        Description = "Softmax-transform activations before style and content statistics (Wang et al. 2021; off by default)",
    };

    public Option<double> SoftmaxTemperature { get; } = new("--softmax-temperature")
    {
        Description = "Temperature of the softmax transformation",
        DefaultValueFactory = _ => Defaults.Gatys.SoftmaxTemperature,
        HelpName = "t",
    };

    public Option<int> Seed { get; } = new("--seed")
    {
        Description = "Random seed (noise init)",
        DefaultValueFactory = _ => Defaults.Shared.Seed,
        HelpName = "n",
    };

    public Option<int> SnapshotEvery { get; } = new("--snapshot-every")
    {
        Description = "Intermediate snapshot every N iterations (0 = never)",
        DefaultValueFactory = _ => Defaults.Shared.SnapshotEvery,
        HelpName = "n",
    };

    public Option<string> Device { get; } = new("--device")
    {
        Description = "Torch device: auto (CUDA when present), cpu, cuda or cuda:N",
        DefaultValueFactory = _ => Defaults.Shared.Device,
        HelpName = "auto|cpu|cuda",
    };

    public Option<double> PhotoLambda { get; } = new("--photo-lambda")
    {
        Description = "photo: weight λ of the Matting-Laplacian photorealism term",
        DefaultValueFactory = _ => Defaults.Photo.Lambda,
        HelpName = "λ",
    };

    public Option<int> PhotoStyleIterations { get; } = new("--photo-style-iterations")
    {
        Description = "photo: iterations of stage 1 (segmented neural style)",
        DefaultValueFactory = _ => Defaults.Photo.StyleIterations,
        HelpName = "n",
    };

    public Option<int> PhotoIterations { get; } = new("--photo-iterations")
    {
        Description = "photo: iterations of stage 2 (photorealistic pass, initialised from stage 1)",
        DefaultValueFactory = _ => Defaults.Photo.PhotoIterations,
        HelpName = "n",
    };

    public Option<bool> NoSmooth { get; } = new("--no-smooth")
    {
        Description = "photo: skip the final edge-aware smoothing",
    };

    public Option<int> AutoGroups { get; } = new("--auto-groups")
    {
        Description = "photo without masks: at most this many automatic semantic groups",
        DefaultValueFactory = _ => Defaults.Photo.Segmentation.MaxGroups,
        HelpName = "n",
    };

    public Option<double> StrotssContentWeight { get; } = new("--strotss-content-weight")
    {
        Description = "strotss: content weight α at the coarsest scale (halved at each finer scale)",
        DefaultValueFactory = _ => Defaults.Strotss.ContentWeight,
        HelpName = "α",
    };

    public Option<int> StrotssScales { get; } = new("--strotss-scales")
    {
        Description = "strotss: number of scales, coarse to fine (--iterations per scale)",
        DefaultValueFactory = _ => Defaults.Strotss.Scales,
        HelpName = "n",
    };

    public Option<double> StrotssLearningRate { get; } = new("--strotss-lr")
    {
        Description = "strotss: RMSprop learning rate of the Laplacian pyramid",
        DefaultValueFactory = _ => Defaults.Strotss.LearningRate,
        HelpName = "rate",
    };

    public Option<int> Samples { get; } = new("--samples")
    {
        Description = "strotss: feature positions sampled (anew) each step",
        DefaultValueFactory = _ => Defaults.Strotss.Samples,
        HelpName = "n",
    };

    public Option<string?> Model { get; } = new("--model")
    {
        Description = "fast: the model trained for the style; adain: the decoder (both made by 'styletransfer train')",
        HelpName = "file",
    };

    public Option<double> Alpha { get; } = new("--alpha")
    {
        Description = "adain: content/style strength, 0 (content) to 1 (full style)",
        DefaultValueFactory = _ => Defaults.AdaIn.Alpha,
        HelpName = "a",
    };

    public IEnumerable<Option> All =>
    [
        Method, Backbone, Weights, Size, Iterations, Scales, ContentWeight, StyleWeight, TvWeight, ContentLayers, StyleLayers,
        StyleLayerWeights, Init, Optimizer, LearningRate, PreserveColor, Softmax, SoftmaxTemperature, Seed,
        SnapshotEvery, Device, PhotoLambda, PhotoStyleIterations, PhotoIterations, NoSmooth, AutoGroups, StrotssContentWeight,
        StrotssScales, StrotssLearningRate, Samples, Model, Alpha,
    ];

    public void AddTo(Command command)
    {
        foreach (var option in All) command.Options.Add(option);
    }

    // The methods an option applies to; an option not listed applies to every method.
    static readonly string[] GatysAndPhoto = [GatysMethod.MethodName, PhotoMethod.MethodName];
    static readonly Dictionary<string, string[]> Applicability = new()
    {
        ["--iterations"] = [GatysMethod.MethodName, StrotssMethod.MethodName],
        ["--scales"] = GatysAndPhoto, ["--content-weight"] = GatysAndPhoto, ["--style-weight"] = GatysAndPhoto, ["--tv-weight"] = GatysAndPhoto,
        ["--content-layers"] = GatysAndPhoto, ["--style-layers"] = GatysAndPhoto, ["--style-layer-weights"] = GatysAndPhoto,
        ["--init"] = GatysAndPhoto, ["--optimizer"] = GatysAndPhoto, ["--lr"] = GatysAndPhoto, ["--softmax"] = GatysAndPhoto,
        ["--softmax-temperature"] = GatysAndPhoto,
        ["--preserve-color"] = [GatysMethod.MethodName],
        ["--photo-lambda"] = [PhotoMethod.MethodName], ["--photo-style-iterations"] = [PhotoMethod.MethodName],
        ["--photo-iterations"] = [PhotoMethod.MethodName], ["--no-smooth"] = [PhotoMethod.MethodName], ["--auto-groups"] = [PhotoMethod.MethodName],
        ["--strotss-content-weight"] = [StrotssMethod.MethodName], ["--strotss-scales"] = [StrotssMethod.MethodName],
        ["--strotss-lr"] = [StrotssMethod.MethodName], ["--samples"] = [StrotssMethod.MethodName],
        ["--model"] = [FastMethod.MethodName, AdaInMethod.MethodName], ["--alpha"] = [AdaInMethod.MethodName],
        ["--backbone"] = [GatysMethod.MethodName, PhotoMethod.MethodName, StrotssMethod.MethodName, AdaInMethod.MethodName],
        ["--weights"] = [GatysMethod.MethodName, PhotoMethod.MethodName, StrotssMethod.MethodName, AdaInMethod.MethodName],
    };

    /// <summary>Whether the option (e.g. "--photo-lambda") changes what <paramref name="method"/> does.</summary>
    public static bool AppliesTo(string option, string method) =>
        !Applicability.TryGetValue(option, out var methods) || methods.Contains(method, StringComparer.OrdinalIgnoreCase);

    /// <summary>The options as given, validated; throws <see cref="UsageException"/> naming the option.</summary>
    public StylizeOptions Bind(ParseResult result)
    {
        foreach (var option in All.OfType<Option<double>>())
        {
            if (result.GetResult(option) is not { Implicit: false } given || double.IsFinite(result.GetValue(option))) continue;
            var token = string.Join(" ", given.Tokens.Select(t => t.Value));
            throw new UsageException($"{option.Name} {token}: not a finite number");
        }

        var method = result.GetValue(Method)!.Trim();
        if (MethodRegistry.TryGet(method) is not { } chosen)
            throw new UsageException($"--method {method}: unknown method; available methods: {string.Join(", ", Methods)}");
        method = chosen.Name;
        foreach (var option in All)
            if (result.GetResult(option) is { Implicit: false } && !AppliesTo(option.Name, method))
                throw new UsageException($"{option.Name}: does not apply to --method {method} (it applies to {string.Join(", ", Applicability[option.Name])})");

        var device = result.GetValue(Device)!.Trim().ToLowerInvariant();
        if (!DevicePattern().IsMatch(device))
            throw new UsageException($"--device {device}: expected auto, cpu, cuda or cuda:N");

        var weights = result.GetValue(Weights);
        if (weights is not null)
        {
            if (!File.Exists(weights)) throw new UsageException($"--weights {weights}: no such file");
            weights = Path.GetFullPath(weights);
        }
        var backbone = result.GetValue(Backbone)!;
        if (backbone.StartsWith("vgg", StringComparison.Ordinal) && weights is null)
            throw new UsageException($"--backbone {backbone}: needs --weights <torchvision {backbone} state dict .pth>");

        var options = new StylizeOptions
        {
            Method = method,
            Shared = new SharedOptions
            {
                Backbone = backbone,
                WeightsPath = weights,
                MaxSize = result.GetValue(Size),
                Iterations = result.GetValue(Iterations),
                Seed = result.GetValue(Seed),
                SnapshotEvery = result.GetValue(SnapshotEvery),
                Device = device,
            },
            Gatys = new GatysOptions
            {
                Scales = result.GetValue(Scales),
                ContentWeight = result.GetValue(ContentWeight),
                StyleWeight = result.GetValue(StyleWeight),
                TvWeight = result.GetValue(TvWeight),
                ContentLayers = SplitList(result.GetValue(ContentLayers)),
                StyleLayers = SplitList(result.GetValue(StyleLayers)),
                StyleLayerWeights = ParseNumbers(StyleLayerWeights.Name, result.GetValue(StyleLayerWeights)),
                Init = result.GetValue(Init) == "noise" ? InitMode.Noise : InitMode.Content,
                Optimizer = result.GetValue(Optimizer) == "adam" ? OptimizerKind.Adam : OptimizerKind.Lbfgs,
                LearningRate = result.GetValue(LearningRate),
                PreserveColor = result.GetValue(PreserveColor),
                SoftmaxStyle = result.GetValue(Softmax),
                SoftmaxTemperature = result.GetValue(SoftmaxTemperature),
            },
            Photo = Defaults.Photo with
            {
                Lambda = result.GetValue(PhotoLambda),
                StyleIterations = result.GetValue(PhotoStyleIterations),
                PhotoIterations = result.GetValue(PhotoIterations),
                Smooth = !result.GetValue(NoSmooth),
                Segmentation = Defaults.Photo.Segmentation with { MaxGroups = result.GetValue(AutoGroups) },
            },
            Fast = method == FastMethod.MethodName ? new FastOptions { ModelPath = ModelPath(result) } : Defaults.Fast,
            AdaIn = method == AdaInMethod.MethodName ? new AdaInOptions { ModelPath = ModelPath(result), Alpha = result.GetValue(Alpha) } : Defaults.AdaIn,
            Strotss = Defaults.Strotss with
            {
                ContentWeight = result.GetValue(StrotssContentWeight),
                Scales = result.GetValue(StrotssScales),
                LearningRate = result.GetValue(StrotssLearningRate),
                Samples = result.GetValue(Samples),
            },
        };
        Validate(options);
        return options;
    }

    /// <summary>--model as a full path (the nodes read it), checked to exist here; null when not given.</summary>
    string? ModelPath(ParseResult result)
    {
        var model = result.GetValue(Model);
        if (model is null) return null;
        if (!File.Exists(model)) throw new UsageException($"--model {model}: no such file");
        return Path.GetFullPath(model);
    }

    /// <summary>Runs the method's validation and names the option its message is about.</summary>
    public static void Validate(StylizeOptions options)
    {
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{OptionOf(e.Message, options.Method)}: {e.Message}");
        }
    }

    // The engine's messages start with the setting in words ("size 0 is out of range ..."). Several methods word
    // their own settings alike ("content weight": --content-weight for gatys and photo, --strotss-content-weight
    // for strotss): the option is the one that applies to the method.
    static readonly (string Prefix, string Option)[] MessageOptions =
    [
        ("size", "--size"), ("iterations", "--iterations"), ("snapshot interval", "--snapshot-every"), ("backbone", "--backbone"),
        ("scales", "--scales"), ("content weight", "--content-weight"), ("style weight", "--style-weight"), ("tv weight", "--tv-weight"),
        ("learning rate", "--lr"), ("softmax temperature", "--softmax-temperature"), ("style layer weights", "--style-layer-weights"),
        ("content and style weights", "--content-weight/--style-weight"), ("photorealism weight", "--photo-lambda"),
        ("style-stage iterations", "--photo-style-iterations"), ("photorealism-stage iterations", "--photo-iterations"),
        ("style-stage and photorealism-stage iterations", "--photo-style-iterations/--photo-iterations"),
        ("max groups", "--auto-groups"), ("clusters", "--auto-groups"),
        ("content weight", "--strotss-content-weight"), ("scales", "--strotss-scales"), ("learning rate", "--strotss-lr"), ("samples", "--samples"),
        ("method fast needs a model", "--model"), ("method adain needs a decoder", "--model"), ("alpha", "--alpha"),
    ];

    static string OptionOf(string message, string method)
    {
        bool Applies(string options) => options.Split('/').All(o => AppliesTo(o, method));
        if (ScalesMessage().IsMatch(message))
            return $"{(Applies("--scales") ? "--scales" : "--strotss-scales")}/--size";
        var match = MessageOptions.Where(m => Applies(m.Option) && message.StartsWith(m.Prefix + " ", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(m => m.Prefix.Length).Select(m => m.Option).FirstOrDefault();
        return match ?? "method options";
    }

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

    [GeneratedRegex(@"^\d+ scales from")]
    private static partial Regex ScalesMessage();
}
