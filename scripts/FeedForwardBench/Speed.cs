using System.Diagnostics;
using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Methods.FeedForward;
using static TorchSharp.torch;

static class Speed
{
    public static void Run(IBackbone backbone, string contentFolder, string styleFolder)
    {
        using var content = TrainingImages.Load(contentFolder, 256);
        using var styles = TrainingImages.Load(styleFolder, 256);
        var style = Directory.EnumerateFiles(styleFolder).Order().First();
        foreach (var (name, arch) in new[] { ("small", TransformNetArchitecture.Small), ("default", TransformNetArchitecture.Default) })
            foreach (int batch in new[] { 1, 4 })
            {
                var times = new List<double>();
                var options = new FastTrainingOptions { Architecture = arch, Steps = 4, BatchSize = batch, CropSize = 256, StyleSize = 256 };
                var clock = Stopwatch.StartNew();
                using var model = new FastStyleTrainer(backbone).Train(style, content, options, new Sink(p => { times.Add(clock.Elapsed.TotalSeconds); clock.Restart(); }));
                Console.WriteLine($"train fast {name,-7} batch {batch}: {Median(times.Skip(1)):F2} s/step ({Median(times.Skip(1)) / batch:F2} s/image)");
                if (batch == 4) Infer($"fast {name}", b => model.Stylize(b));
            }
        foreach (int batch in new[] { 1, 4 })
        {
            var times = new List<double>();
            var options = new AdaInTrainingOptions { Steps = 4, BatchSize = batch, CropSize = 256 };
            var clock = Stopwatch.StartNew();
            using var model = new AdaInTrainer(backbone).Train(content, styles, options, new Sink(p => { times.Add(clock.Elapsed.TotalSeconds); clock.Restart(); }));
            Console.WriteLine($"train adain layer2   batch {batch}: {Median(times.Skip(1)):F2} s/step ({Median(times.Skip(1)) / batch:F2} s/image)");
            if (batch == 4)
            {
                using var s = rand(1, 3, 256, 256);
                var (mean, std) = model.EncodeStyle(s);
                Infer("adain (style moments cached)", b => model.Stylize(b, mean, std));
            }
        }
    }

    public static void Infer(string name, Func<Tensor, Tensor> stylize, double gatysSeconds = double.NaN)
    {
        foreach (int batch in new[] { 1, 8 })
        {
            using var input = rand(batch, 3, 256, 256);
            stylize(input).Dispose();
            var times = new List<double>();
            for (int i = 0; i < 3; i++)
            {
                var clock = Stopwatch.StartNew();
                stylize(input).Dispose();
                times.Add(clock.Elapsed.TotalSeconds);
            }
            double t = Median(times);
            var ratio = double.IsNaN(gatysSeconds) ? "" : $"  {gatysSeconds * batch / t,7:F0}x gatys";
            Console.WriteLine($"infer {name,-30} batch {batch}: {t:F3} s/batch, {batch / t:F2} images/s{ratio}");
        }
    }

    public static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length == 0 ? double.NaN : v[v.Length / 2];
    }

    sealed class Sink(Action<TrainingProgress> a) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => a(value);
    }
}
