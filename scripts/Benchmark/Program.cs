using System.Diagnostics;
using StyleTransfer.Benchmark;
using StyleTransfer.Contracts;
using StyleTransfer.Engine;
using StyleTransfer.Engine.Imaging;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Engine.Optimization;
using StyleTransfer.Grains;
using StyleTransfer.Silo;
using TorchSharp;
using static TorchSharp.torch;

// Prints ratios measured in this one run: an optimization iteration's achieved GFLOP/s against a large matmul's,
// and N images through the embedded silo against the same N images through the engine directly.
var repoRoot = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
int clusterImages = args.Length > 1 ? int.Parse(args[1]) : 4;
var scratch = Path.Combine(Path.GetTempPath(), $"st-bench-{Environment.ProcessId}");
var (contents, style) = BenchmarkImages.Find(repoRoot, scratch, Math.Max(clusterImages, 1));

using var engine = new StylizationEngine();
var device = TorchDevices.Select();
Console.WriteLine($"device: {engine.DeviceDescription}; content: {Path.GetFileName(contents[0])}; style: {Path.GetFileName(style)}");

// 1. A large matmul: the machine's attainable dense GFLOP/s on this device.
double matmulGflops = MatmulGflops(device);
Console.WriteLine($"matmul 2048x2048 float32: {matmulGflops:F1} GFLOP/s");

// 2. Seconds per Gatys iteration (L-BFGS, default layers) at 256 and 512 px, and achieved GFLOP/s.
var options = new StylizeOptions();
var backbone = engine.GetBackbone(options.Shared.Backbone, null, device);
var deepest = backbone.DefaultContentLayers.Concat(backbone.DefaultStyleLayers).MaxBy(l => backbone.LayerNames.ToList().IndexOf(l))!;
foreach (var (size, iterations) in new[] { (256, 16), (512, 10) })
{
    using var scope = NewDisposeScope();
    var content = ImageIO.LoadTensor(contents[0], size, device);
    var styleImage = ImageIO.LoadTensor(style, size, device);
    var stamps = new List<long>();
    new GatysStylizer(backbone).Run(content, [(styleImage, 1.0)], options.Shared with { MaxSize = size, Iterations = iterations }, options.Gatys,
        counter: new IterationCounter(iterations, 1, new SyncProgress(_ => stamps.Add(Stopwatch.GetTimestamp()))));
    // Median of the per-iteration intervals: robust to a stray slow step (first L-BFGS steps, other processes).
    var intervals = stamps.Zip(stamps.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b).TotalSeconds).Order().ToList();
    double seconds = intervals[intervals.Count / 2];
    // Forward to the deepest layer plus the backward pass to the input (same MACs; weights need no gradient).
    double flops = 2 * backbone.ForwardFlops((int)content.shape[2], (int)content.shape[3], deepest);
    double gflops = flops / seconds / 1e9;
    Console.WriteLine($"iteration at {size} px ({content.shape[3]}x{content.shape[2]}): {seconds:F3} s, " +
        $"{flops / 1e9:F2} GFLOP → {gflops:F1} GFLOP/s = {gflops / matmulGflops:F2} of matmul");
}

// 3. N images through the embedded silo vs directly through an engine (both warm, same options). The direct path
// also writes each PNG, as the silo commits each result to its store.
var clusterOptions = new StylizeOptions { Shared = new() { MaxSize = 256, Iterations = 30 } };
var requests = contents.Take(clusterImages).Select(c => new StylizeRequest(c, [new StyleInput(style)], clusterOptions)).ToList();
var directOut = Directory.CreateDirectory(Path.Combine(scratch, "direct")).FullName;
engine.Stylize(requests[0]);
var outDir = Path.Combine(scratch, "out");
await using (var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { ResultStore = s => s.Path = outDir }))
{
    await RunJob(cluster, "warmup", requests.Take(1).ToList(), clusterOptions);
    // Alternate the two paths over a few rounds so that drift of the machine's speed hits both alike.
    var directTimes = new List<double>();
    var clusterTimes = new List<double>();
    for (int round = 0; round < 3; round++)
    {
        var direct = Stopwatch.StartNew();
        for (int i = 0; i < requests.Count; i++)
            File.WriteAllBytes(Path.Combine(directOut, $"{round}-{i}.png"), engine.Stylize(requests[i]).Png);
        directTimes.Add(direct.Elapsed.TotalSeconds);
        // Submit to the job's own finish time: the client's polling interval is not part of the cost.
        var submitted = DateTimeOffset.UtcNow;
        var status = await RunJob(cluster, $"round{round}", requests, clusterOptions);
        clusterTimes.Add((status.FinishedAt!.Value - submitted).TotalSeconds);
    }
    double directMedian = directTimes.Order().ElementAt(1), clusterMedian = clusterTimes.Order().ElementAt(1);
    Console.WriteLine($"{requests.Count} images at 256 px x 30 iterations (median of 3 alternating rounds): direct {directMedian:F2} s, " +
        $"embedded silo {clusterMedian:F2} s → cluster overhead {(clusterMedian / directMedian - 1) * 100:F1}%");
    Console.WriteLine($"  rounds: direct {string.Join(" ", directTimes.Select(t => t.ToString("F2")))}; silo {string.Join(" ", clusterTimes.Select(t => t.ToString("F2")))}");
}
Directory.Delete(scratch, true);

static double MatmulGflops(Device device)
{
    const int n = 2048, reps = 8;
    using var a = randn(n, n, device: device);
    using var b = randn(n, n, device: device);
    for (int i = 0; i < 2; i++) a.matmul(b).Dispose();
    double best = 0;
    for (int trial = 0; trial < 3; trial++)
    {
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < reps; i++) a.matmul(b).Dispose();
        if (device.type == DeviceType.CUDA) cuda.synchronize();
        best = Math.Max(best, 2.0 * n * n * n * reps / sw.Elapsed.TotalSeconds / 1e9);
    }
    return best;
}

static async Task<JobStatus> RunJob(EmbeddedCluster cluster, string name, IReadOnlyList<StylizeRequest> requests, StylizeOptions options)
{
    var jobId = $"bench-{name}-{Guid.NewGuid():N}";
    var items = requests.Select((r, i) => new JobItemSpec($"item{i}", r.ContentPath,
        [new StyleSpec(r.Styles[0].Path)], $"{i}.png")).ToList();
    var job = cluster.Client.GetGrain<IJobGrain>(jobId);
    await job.StartAsync(new JobSpec(jobId, jobId, items, MethodSpecMapping.ToSpec(options)));
    while (true)
    {
        var status = await job.GetStatusAsync();
        if (status.IsComplete)
        {
            if (status.Failed > 0) throw new InvalidOperationException($"benchmark job failed: {status.Items.First(i => i.FailureReason is not null).FailureReason}");
            return status;
        }
        await Task.Delay(250); // the CLI's polling rate
    }
}

