using System.Text.Json;
using StyleTransfer.Engine;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Storage;

namespace StyleTransfer.Benchmark;

/// <summary>
/// The machine's ceiling for scripts/cluster-benchmark.sh: one engine process with no cluster, running its share of a
/// manifest (items i ≡ share mod shares) at a given size and iteration count and committing each result to a local
/// folder, as a silo would. It warms up (backbone loaded, code compiled), then waits for a start file so that all
/// processes start timing together, and prints "start end items" in Unix seconds.
/// Usage: direct &lt;manifest.jsonl&gt; &lt;size&gt; &lt;iterations&gt; &lt;out folder&gt; &lt;share&gt; &lt;shares&gt; &lt;ready file&gt; &lt;start file&gt; [torch threads]
/// </summary>
static class DirectRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (manifest, size, iterations, outDir) = (args[0], int.Parse(args[1]), int.Parse(args[2]), args[3]);
        var (share, shares, readyFile, startFile) = (int.Parse(args[4]), int.Parse(args[5]), args[6], args[7]);
        int? threads = args.Length > 8 ? int.Parse(args[8]) : null;
        var items = File.ReadLines(manifest).Where(l => l.Trim().Length > 0).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => (Content: e.GetProperty("content").GetString()!, Style: e.GetProperty("style").GetString()!, Output: e.GetProperty("output").GetString()!))
            .Where((_, i) => i % shares == share).ToList();
        using var engine = new StylizationEngine(cpuThreads: threads);
        var store = new LocalFolderResultStore(outDir);
        var options = new StylizeOptions { Shared = new() { MaxSize = size, Iterations = iterations } };

        // Warm-up like the cluster's warm-up job: two items at 2 iterations.
        foreach (var item in items.Take(2))
            engine.Stylize(new StylizeRequest(item.Content, [new StyleInput(item.Style)], options with { Shared = options.Shared with { Iterations = 2 } }));
        await File.WriteAllTextAsync(readyFile, "");
        while (!File.Exists(startFile)) await Task.Delay(50);

        double start = Now();
        foreach (var item in items)
        {
            var result = engine.Stylize(new StylizeRequest(item.Content, [new StyleInput(item.Style)], options));
            await store.CommitAsync(item.Output, result.Png, new Dictionary<string, string> { ["elapsed-seconds"] = result.Elapsed.TotalSeconds.ToString("R") });
        }
        Console.WriteLine($"{start:F3} {Now():F3} {items.Count}");
        return 0;
    }

    static double Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
}
