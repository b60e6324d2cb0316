using System.Diagnostics;
using StyleTransfer.Engine;
using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.FeedForward;
using static TorchSharp.torch;

/// <summary>
/// Images/s of gatys, fast and adain at 256 px in one run: each a whole item through the engine (read, stylize,
/// encode PNG), then fast and adain on batches of 1 and 8 images already in memory. Feed-forward speed does not
/// depend on the weights, so untrained networks of the real architectures are timed.
/// </summary>
static class MethodSpeed
{
    public static void Run(IBackbone backbone, string content, string style, int gatysIterations)
    {
        var folder = Directory.CreateTempSubdirectory("ff-speed").FullName;
        var styleHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(style)));
        string Fast(string name, TransformNetArchitecture architecture)
        {
            var path = Path.Combine(folder, $"{name}.model");
            ModelFile.Write(path, new ModelHeader { Kind = ModelKind.Fast, TransformNet = architecture, Backbone = "resnet18", StyleSha256 = styleHash },
                ModelFile.ModuleBytes(new TransformNet(architecture)));
            return path;
        }
        var decoder = Path.Combine(folder, "adain.model");
        ModelFile.Write(decoder, new ModelHeader { Kind = ModelKind.AdaInDecoder, Decoder = AdaInArchitecture.Default, Backbone = "resnet18" },
            ModelFile.ModuleBytes(new AdaInDecoder(AdaInArchitecture.Default)));

        using var engine = new StylizationEngine("cpu");
        var shared = new SharedOptions { MaxSize = 256 };
        StylizeRequest Request(StylizeOptions options) => new(content, [new StyleInput(style)], options);
        var runs = new (string Name, StylizeOptions Options, int Times)[]
        {
            ("gatys", new StylizeOptions { Shared = shared with { Iterations = gatysIterations } }, 1),
            ("fast (small network)", new StylizeOptions { Method = "fast", Shared = shared, Fast = new() { ModelPath = Fast("small", TransformNetArchitecture.Small) } }, 7),
            ("fast (Johnson et al.)", new StylizeOptions { Method = "fast", Shared = shared, Fast = new() { ModelPath = Fast("default", TransformNetArchitecture.Default) } }, 7),
            ("adain", new StylizeOptions { Method = "adain", Shared = shared, AdaIn = new() { ModelPath = decoder } }, 7),
        };
        // Warm-up: the backbone, the models and the style cache are loaded once per engine, as on a node.
        engine.Stylize(Request(runs[0].Options with { Shared = shared with { Iterations = 2 } }));
        double gatys = double.NaN;
        Console.WriteLine($"One item through the engine at 256 px (read, stylize, encode), {get_num_threads()} torch threads:");
        foreach (var (name, options, times) in runs)
        {
            if (times > 1) engine.Stylize(Request(options));
            var seconds = new List<double>();
            for (int i = 0; i < times; i++)
            {
                var clock = Stopwatch.StartNew();
                engine.Stylize(Request(options));
                seconds.Add(clock.Elapsed.TotalSeconds);
            }
            double s = Speed.Median(seconds);
            if (name == "gatys") gatys = s;
            var label = name == "gatys" ? $"gatys ({gatysIterations} L-BFGS iterations)" : name;
            Console.WriteLine($"  {label,-34} {s,8:F3} s/image  {1 / s,8:F3} images/s  {gatys / s,7:F0}x gatys");
        }
        Console.WriteLine("Batches of images in memory (network only):");
        using (var small = FastStyleModel.Load(runs[1].Options.Fast.ModelPath!)) Speed.Infer("fast (small network)", b => small.Stylize(b), gatys);
        using (var johnson = FastStyleModel.Load(runs[2].Options.Fast.ModelPath!)) Speed.Infer("fast (Johnson et al.)", b => johnson.Stylize(b), gatys);
        using (var adain = AdaInModel.Load(decoder, backbone))
        {
            using var s = StyleTransfer.Engine.Imaging.ImageIO.LoadTensor(style, 256);
            var (mean, std) = adain.EncodeStyle(s);
            Speed.Infer("adain (style moments cached)", b => adain.Stylize(b, mean, std), gatys);
        }
        Directory.Delete(folder, recursive: true);
    }
}
