using System.Diagnostics;
using StyleTransfer.Engine;
using StyleTransfer.Engine.Imaging;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Engine.Methods.Photo;
using static TorchSharp.torch;

namespace StyleTransfer.Benchmark;

/// <summary>
/// Where photo's time goes, per size: the colour transfer of its start, stage 1 (segmented neural style), the matting Laplacian, stage 2 (with the
/// photorealism term) and the final smoothing, for one content/style pair of photos with the default options, with
/// <c>--photo-scales 1</c> (both stages at full size) and 2 (the default: stage 1 at half size, stage 2 at full size).
/// Usage: photo-stages &lt;repo root&gt; [sizes, default 256,512]
/// </summary>
static class PhotoStages
{
    public static int Run(string[] args)
    {
        var repoRoot = args[0];
        var sizes = (args.Length > 1 ? args[1] : "256,512").Split(',').Select(int.Parse).ToList();
        var scratch = Path.Combine(Path.GetTempPath(), $"st-bench-{Environment.ProcessId}");
        var (contents, _) = BenchmarkImages.Find(repoRoot, scratch, 2);
        using var engine = new StylizationEngine();
        var device = TorchDevices.Select();
        var options = new StylizeOptions { Method = PhotoMethod.MethodName };
        var backbone = engine.GetBackbone(options.Shared.Backbone, null, device);
        Console.WriteLine($"photo stages on {engine.DeviceDescription}: content {Path.GetFileName(contents[0])}, style {Path.GetFileName(contents[1])}, " +
                          $"no masks (whole-image style), {options.Photo.StyleIterations} + {options.Photo.PhotoIterations} iterations");
        // Warm-up: code compiled, the thread pools and the backbone's buffers created.
        using (var warm = NewDisposeScope())
        {
            var (c, st) = (ImageIO.LoadTensor(contents[0], 64, device), ImageIO.LoadTensor(contents[1], 64, device));
            new DeepPhotoStylizer(backbone).Run(c, st, null, options.Shared, options.Gatys, options.Photo with { StyleIterations = 3, PhotoIterations = 3 }).Dispose();
        }
        foreach (int size in sizes)
        {
            foreach (int scales in new[] { 1, 2 })
            {
                using var scope = NewDisposeScope();
                var content = ImageIO.LoadTensor(contents[0], size, device);
                var style = ImageIO.LoadTensor(contents[1], size, device);
                var parts = new List<(string Part, TimeSpan Time)>();
                var clock = Stopwatch.StartNew();
                using var result = new DeepPhotoStylizer(backbone).Run(content, style, null, options.Shared, options.Gatys,
                    options.Photo with { Scales = scales }, timed: (part, time) => parts.Add((part, time)));
                var total = clock.Elapsed;
                Console.WriteLine($"{size} px ({content.shape[3]}x{content.shape[2]}), scales {scales}: {total.TotalSeconds:F1} s = " +
                                  string.Join(" + ", parts.Select(p => $"{p.Part} {p.Time.TotalSeconds:F1} s ({p.Time / total:P0})")));
            }
        }
        return 0;
    }
}
