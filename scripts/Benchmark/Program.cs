using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using StyleTransfer.Benchmark;
using StyleTransfer.Contracts;
using StyleTransfer.Engine;
using StyleTransfer.Engine.Imaging;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Engine.Optimization;
using StyleTransfer.Grains;
using StyleTransfer.Silo;
using StyleTransfer.Storage;
using TorchSharp;
using static TorchSharp.torch;

// Prints ratios measured in this one run: an optimization iteration's achieved GFLOP/s against a large matmul's,
// and N images through the embedded silo against the same N images through the engine directly.
if (args.Length > 0 && args[0] == "direct") return await DirectRun.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "photo-stages") return PhotoStages.Run(args[1..]);

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
foreach (var (size, iterations) in Environment.GetEnvironmentVariable("BENCH_ONLY_SILO") is null ? new[] { (256, 16), (512, 10) } : [])
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

// 3. N images through the embedded silo vs directly through the engine (the same warm engine, same options). Both
// paths commit each result to a local-folder store of their own, as the silo does, so that only the silo differs.
var clusterOptions = new StylizeOptions { Shared = new() { MaxSize = 256, Iterations = 30 } };
var requests = contents.Take(clusterImages).Select(c => new StylizeRequest(c, [new StyleInput(style)], clusterOptions)).ToList();
var timed = new TimedEngine(engine);
var directStore = new TimedStore(new LocalFolderResultStore(Path.Combine(scratch, "direct")));
var outDir = Path.Combine(scratch, "out");
var clusterStore = new TimedStore(new LocalFolderResultStore(outDir));
await using (var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions
{
    ResultStore = s => s.Path = outDir,
    Services = services =>
    {
        services.AddSingleton<IStylizationEngine>(timed);
        services.AddSingleton<IResultStore>(clusterStore);
    },
}))
{
    // The first round of each path, measured apart: a fresh silo's first job compiles its code paths (JIT).
    var cold = Stopwatch.StartNew();
    foreach (var request in requests) timed.Stylize(request);
    double coldDirect = cold.Elapsed.TotalSeconds;
    var jit = JitCounters.Now();
    var coldSubmitted = DateTimeOffset.UtcNow;
    var (coldStatus, _) = await RunJob(cluster, "cold", requests, clusterOptions);
    double coldSilo = (coldStatus.FinishedAt!.Value - coldSubmitted).TotalSeconds;
    var coldJit = JitCounters.Now() - jit;
    // .NET's tiered JIT recompiles a method hot once it has been called 30 times, so the silo's code keeps compiling
    // over its first few dozen items: about 860 methods per round of two items after four rounds. A long-running node
    // is past that; to measure it, jobs of small, quick items (the same code paths) run until the JIT has settled.
    int settleJobs = 0;
    var settleOptions = new StylizeOptions { Shared = new() { MaxSize = 64, Iterations = 30 } };
    var settleRequests = requests.Select(r => r with { Options = settleOptions }).ToList();
    jit = JitCounters.Now();
    for (var before = jit; settleJobs < 60; settleJobs++)
    {
        foreach (var request in settleRequests) timed.Stylize(request);
        await RunJob(cluster, $"settle{settleJobs}", settleRequests, settleOptions);
        var after = JitCounters.Now();
        if ((after - before).Methods < 10 * settleRequests.Count) { settleJobs++; break; }
        before = after;
    }
    var settleJit = JitCounters.Now() - jit;
    // Alternate the two paths over a few rounds so that drift of the machine's speed hits both alike.
    int rounds = int.TryParse(Environment.GetEnvironmentVariable("BENCH_ROUNDS"), out var r) ? r : 8;
    var directTimes = new List<double>();
    var clusterTimes = new List<double>();
    var directCpu = new List<double>();
    var clusterCpu = new List<double>();
    var directEngine = new List<double>();
    var directCommit = new List<double>();
    var breakdown = new SiloBreakdown();
    var clusterThreads = new Dictionary<string, double>();
    var measuredJit = new JitCounters(0, TimeSpan.Zero);
    for (int round = 0; round < rounds; round++)
    {
        var cpu = ProcessCpuSeconds();
        var directStart = DateTimeOffset.UtcNow;
        var direct = Stopwatch.StartNew();
        for (int i = 0; i < requests.Count; i++)
        {
            var result = timed.Stylize(requests[i]);
            var committed = Stopwatch.StartNew();
            await directStore.CommitAsync($"{round}/{i}.png", result.Png, new Dictionary<string, string> { ["item-id"] = $"item{i}" });
            directCommit.Add(committed.Elapsed.TotalMilliseconds);
        }
        directTimes.Add(direct.Elapsed.TotalSeconds);
        directCpu.Add(ProcessCpuSeconds() - cpu);
        var threads = ThreadCpu.Snapshot();
        cpu = ProcessCpuSeconds();
        var submitted = DateTimeOffset.UtcNow;
        directEngine.AddRange(timed.CallsSince(directStart).Select(c => c.Duration.TotalSeconds));
        // Submit to the job's own finish time: the client's polling interval is not part of the cost.
        var roundJit = JitCounters.Now();
        var (status, seen) = await RunJob(cluster, $"round{round}", requests, clusterOptions);
        measuredJit += JitCounters.Now() - roundJit;
        clusterTimes.Add((status.FinishedAt!.Value - submitted).TotalSeconds);
        clusterCpu.Add(ProcessCpuSeconds() - cpu);
        ThreadCpu.Add(clusterThreads, ThreadCpu.Between(threads, ThreadCpu.Snapshot()));
        breakdown.AddRound(submitted, status, seen, timed.CallsSince(submitted), clusterStore.Of,
            requests.Select((r, i) => ($"item{i}", r.ContentPath)).ToDictionary());
    }
    Console.WriteLine($"first job of the fresh silo: direct {coldDirect:F2} s, embedded silo {coldSilo:F2} s ({(coldSilo / coldDirect - 1) * 100:+0.0;-0.0}%); " +
        $"JIT during it: {coldJit}");
    Console.WriteLine($"then {settleJobs} jobs of {settleRequests.Count} small items until the JIT settled ({settleJit}); during the measured silo rounds: {measuredJit}");
    double directMedian = Median(directTimes), clusterMedian = Median(clusterTimes);
    Console.WriteLine($"{requests.Count} images at 256 px x 30 iterations (median of {rounds} alternating rounds): direct {directMedian:F2} s, " +
        $"embedded silo {clusterMedian:F2} s → cluster overhead {(clusterMedian / directMedian - 1) * 100:F1}%");
    // Each silo round against the direct round just before it: neighbours in time share the machine's state.
    var paired = clusterTimes.Zip(directTimes, (c, d) => c / d - 1).ToList();
    Console.WriteLine($"  paired rounds (silo / the direct round before it): median {Median(paired) * 100:+0.0;-0.0}%, " +
        $"all rounds' totals {(clusterTimes.Sum() / directTimes.Sum() - 1) * 100:+0.0;-0.0}%");
    Console.WriteLine($"  rounds: direct {string.Join(" ", directTimes.Select(t => t.ToString("F2")))}; silo {string.Join(" ", clusterTimes.Select(t => t.ToString("F2")))}");
    // CPU time of this process: unlike wall time, barely moved by other processes on a shared machine.
    Console.WriteLine($"  process CPU per round (median): direct {Median(directCpu):F2} s, silo {Median(clusterCpu):F2} s " +
        $"({(Median(clusterCpu) / Median(directCpu) - 1) * 100:+0.0;-0.0}%)");
    double directEngineMedian = Median(directEngine);
    Console.WriteLine($"  engine per item (median): direct {directEngineMedian:F3} s, in the silo {breakdown.Median("engine") / 1000:F3} s; " +
        $"commit per item: direct {Median(directCommit):F0} ms");
    int itemsRun = rounds * requests.Count;
    breakdown.Print(Console.Out, itemsRun);
    Console.WriteLine($"  direct, per item (mean ms): engine {directEngine.Sum() * 1000 / itemsRun:F0}, commit {directCommit.Sum() / itemsRun:F0}, " +
        $"round total {directTimes.Sum() * 1000 / itemsRun:F0}; silo round total {clusterTimes.Sum() * 1000 / itemsRun:F0}");
    // The silo runs items on its engine threads ("engine N"; torch's OpenMP workers inherit the name); the rest are
    // the silo's own: thread pool (grain calls, timers' work), timer, JIT, GC.
    var siloOwn = clusterThreads.Where(t => !t.Key.StartsWith("engine")).ToList();
    Console.WriteLine($"  the silo's own threads, CPU per item: {siloOwn.Sum(t => t.Value) * 1000 / itemsRun:F0} ms (" + string.Join(", ",
        siloOwn.OrderByDescending(t => t.Value).Take(6).Select(t => $"{t.Key} {t.Value * 1000 / itemsRun:F0}")) + ")");
}
Directory.Delete(scratch, true);
return 0;

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static double ProcessCpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

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

/// <returns>the finished status, and when the client's polling saw it.</returns>
static async Task<(JobStatus Status, DateTimeOffset Seen)> RunJob(EmbeddedCluster cluster, string name, IReadOnlyList<StylizeRequest> requests, StylizeOptions options)
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
            return (status, DateTimeOffset.UtcNow);
        }
        await Task.Delay(250); // the CLI's polling rate
    }
}

