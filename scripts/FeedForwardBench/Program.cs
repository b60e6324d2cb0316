using TorchSharp;
using System.Diagnostics;
using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Imaging;
using StyleTransfer.Engine.Methods.FeedForward;
using static TorchSharp.torch;

// Usage:
//   debug <content-folder> <style> <crop> <steps> <lr>       per-step loss terms of a tiny fast run
//   speed <content-folder> <style-folder>                     s/step of training and images/s of inference at 256 px
//   train <content-folder> <style> <out.model> <minutes> [small|default] [crop] [batch] [lr] [style-weight]
//   methods <content> <style> [gatys-iterations]              images/s of gatys, fast and adain through the engine at 256 px, and of fast/adain batches of 1 and 8
//   stylize <model> <image> <out.png> [size]
// Checks behind OneDnnWorkaround (run each a few times; ONEDNN_MAX_CPU_ISA=ALL|AVX2|SSE41 to compare):
//   op <kernel> <in-channels> <stride> [relu|pad]   input-gradient sum of one conv (FF_OUT output channels, FF_FROZEN=1)
//   grad | dgrad [bb] | bgrad <size>                 gradient sums of the transform net, the decoder, the backbone
//   det net|backbone <blocks> adam|sgd              five optimizer steps of the transform net
//   debug / adebug                                  per-step loss terms of tiny fast / adain runs
var mode = args[0];
// The product does not cap oneDNN (training steps run without it instead), so the method timings run as a node would.
if (mode != "methods") StyleTransfer.Engine.OneDnnWorkaround.Apply();
if (Environment.GetEnvironmentVariable("FF_THREADS") is { } t) set_num_threads(int.Parse(t));
using var backbone = ResNet18Backbone.Load(null, CPU);
Console.WriteLine($"torch threads: {get_num_threads()}");
switch (mode)
{
    case "debug":
    {
        using var content = TrainingImages.Load(args[1], int.Parse(args[3]));
        var options = new FastTrainingOptions
        {
            Architecture = new(16, 16, 16, 1), Steps = int.Parse(args[4]), BatchSize = 2, CropSize = int.Parse(args[3]), StyleSize = 48,
            LearningRate = double.Parse(args[5]), Seed = 7,
        };
        using var model = new FastStyleTrainer(backbone).Train(args[2], content, options, new Reporter(p =>
            Console.WriteLine($"{p.Step,4} {p.Loss,12:F3}  " + string.Join("  ", p.Terms.Select(t => $"{t.Key} {t.Value:F3}")))));
        break;
    }
    case "det":
    {
        random.manual_seed(1);
        var net = new TransformNet(new(16, 16, 16, int.Parse(args[2])));
        Console.WriteLine($"params {net.parameters().Count()} named {string.Join(",", net.named_parameters().Select(p => p.name))}");
        var opt = args[3] == "sgd" ? optim.SGD(net.parameters(), 1e-3) : (optim.Optimizer)optim.Adam(net.parameters(), lr: 1e-3);
        random.manual_seed(2);
        var x = rand(2, 3, 32, 32);
        for (int i = 0; i < 5; i++)
        {
            opt.zero_grad();
            double v;
            using (var scope = args.Length > 4 ? null : NewDisposeScope())
            {
                var y = args[1] == "backbone" ? backbone.Extract(net.forward(x), ["layer2"])["layer2"] : net.forward(x);
                var loss = y.square().mean();
                loss.backward();
                v = loss.ToDouble();
            }
            opt.step();
            Console.WriteLine($"{i} {v:R}");
        }
        break;
    }
    case "grad":
    {
        random.manual_seed(1);
        var net = new TransformNet(new(16, 16, 16, 0));
        random.manual_seed(2);
        var x = rand(2, 3, 32, 32);
        var grads = new List<Dictionary<string, Tensor>>();
        for (int i = 0; i < 3; i++)
        {
            net.zero_grad();
            var loss = net.forward(x).square().mean();
            loss.backward();
            grads.Add(net.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.clone()));
        }
        foreach (var name in grads[0].Keys)
            Console.WriteLine($"{name,-28} {grads[0][name].abs().sum().ToDouble():R}");
        foreach (var name in grads[0].Keys)
            if (false) Console.WriteLine($"{name,-28} {(grads[0][name] - grads[1][name]).abs().max().ToDouble():E2} {(grads[0][name] - grads[2][name]).abs().max().ToDouble():E2} nan {grads[0][name].isnan().any().ToBoolean()}");
        break;
    }
    case "op":
    {
        random.manual_seed(1);
        var conv = nn.Conv2d(int.Parse(args[2]), int.Parse(Environment.GetEnvironmentVariable("FF_OUT") ?? "8"), long.Parse(args[1]), stride: long.Parse(args[3]));
        if (Environment.GetEnvironmentVariable("FF_FROZEN") == "1") foreach (var p in conv.parameters()) p.requires_grad_(false);
        var x = rand(2, int.Parse(args[2]), 32, 32).requires_grad_(true);
        var y = args.Length > 4 ? (args[4] == "relu" ? nn.functional.relu(x) : nn.functional.pad(x, [4L, 4, 4, 4], PaddingModes.Reflect)) : conv.forward(x);
        y.square().mean().backward();
        Console.WriteLine($"x {x.grad!.abs().sum().ToDouble():R}");
        break;
    }
    case "adebug":
    {
        int crop = int.Parse(args[3]);
        using var content = TrainingImages.Load(args[1], crop);
        using var styles = TrainingImages.Load(args[2], crop);
        var options = new AdaInTrainingOptions
        {
            Architecture = AdaInArchitecture.For(args.Length > 6 ? args[6] : "layer2", double.Parse(args.Length > 7 ? args[7] : "0.25")),
            Steps = int.Parse(args[4]), BatchSize = 2, CropSize = crop, LearningRate = double.Parse(args[5]), Seed = 7,
        };
        using var model = new AdaInTrainer(backbone).Train(content, styles, options, new Reporter(p =>
            Console.WriteLine($"{p.Step,4} {p.Loss,12:F3}  " + string.Join("  ", p.Terms.Select(t => $"{t.Key} {t.Value:F3}")))));
        break;
    }
    case "dgrad":
    {
        random.manual_seed(1);
        var dec = new AdaInDecoder(AdaInArchitecture.For("layer2", 1));
        random.manual_seed(2);
        var x = rand(2, 128, 4, 4);
        Tensor y = dec.forward(x);
        if (args.Length > 1) y = backbone.Extract(y, ["layer2"])["layer2"];
        y.square().mean().backward();
        foreach (var (name, p) in dec.named_parameters())
            Console.WriteLine($"{name,-28} {p.grad!.abs().sum().ToDouble():R}");
        break;
    }
    case "bgrad":
    {
        random.manual_seed(2);
        var x = rand(1, 3, int.Parse(args[1]), int.Parse(args[1])).requires_grad_(true);
        var f = backbone.Extract(x, ["conv1", "layer1", "layer2", "layer3"]);
        var loss = f.Values.Select(v => v.square().mean()).Aggregate((a, b) => a + b);
        loss.backward();
        Console.WriteLine($"x {x.grad!.abs().sum().ToDouble():R}");
        break;
    }
    case "methods":
        MethodSpeed.Run(backbone, args[1], args[2], args.Length > 3 ? int.Parse(args[3]) : 200);
        break;
    case "speed":
        Speed.Run(backbone, args[1], args[2]);
        break;
    case "train":
    {
        int crop = args.Length > 6 ? int.Parse(args[6]) : 256;
        using var content = TrainingImages.Load(args[1], crop, (f, r) => Console.WriteLine($"skipped {f}: {r}"));
        var deadline = Stopwatch.StartNew();
        double minutes = double.Parse(args[4]);
        using var cts = new CancellationTokenSource();
        var options = new FastTrainingOptions
        {
            Architecture = args.Length > 5 && args[5] == "default" ? TransformNetArchitecture.Default : TransformNetArchitecture.Small,
            Steps = 100_000, CropSize = crop, StyleSize = crop, BatchSize = args.Length > 7 ? int.Parse(args[7]) : 2,
            LearningRate = args.Length > 8 ? double.Parse(args[8]) : 1e-3, CheckpointEvery = 50,
            Teacher = new() { StyleWeight = args.Length > 9 ? double.Parse(args[9]) : 100 },
        };
        var outPath = args[3];
        TrainingCheckpoint? last = null;
        try
        {
            new FastStyleTrainer(backbone).Train(args[2], content, options, new Reporter(p =>
            {
                if (p.Step % 10 == 0)
                    Console.WriteLine($"{deadline.Elapsed.TotalSeconds,7:F0}s step {p.Step,5} loss {p.Loss,9:F3} " +
                        string.Join(" ", p.Terms.Select(t => $"{t.Key} {t.Value:F3}")) + $"  {p.ImagesPerSecond:F2} img/s");
                if (deadline.Elapsed.TotalMinutes > minutes) cts.Cancel();
            }), c => { last = c; c.Save(outPath); Console.WriteLine($"checkpoint {c.Step} -> {outPath}"); }, null, cts.Token);
        }
        catch (OperationCanceledException) { Console.WriteLine($"stopped after {deadline.Elapsed.TotalMinutes:F1} min; last checkpoint step {last?.Step}"); }
        break;
    }
    case "stylize":
    {
        using var model = FastStyleModel.Load(args[1]);
        int size = args.Length > 4 ? int.Parse(args[4]) : 256;
        using var image = ImageIO.LoadTensor(args[2], size);
        using var output = model.Stylize(image);
        File.WriteAllBytes(args[3], ImageIO.EncodePng(output));
        Console.WriteLine($"step {model.Header.Steps} -> {args[3]}");
        break;
    }
}

sealed class Reporter(Action<TrainingProgress> report) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => report(value);
}
