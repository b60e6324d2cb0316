using System.Diagnostics;
using StyleTransfer.Storage;
using StyleTransfer.Studies.Formats;
using StyleTransfer.Studies.Packaging;
using Xunit.Abstractions;

namespace StyleTransfer.Studies.Tests;

public sealed class ScaleTests(ITestOutputHelper output) : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("studies-scale-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Ten_thousand_trials_in_500_assignments_are_written_by_streaming()
    {
        // 4 conditions × 25 contents × 2 styles (300 images), 500 assignments × 20 trials (18 test, 1 repeat, 1 gold).
        var study = new SyntheticStudy(assignments: 500, trials: 20, repeats: 1, gold: 1, contents: 25, styles: 2, conditions: 4, size: 32);
        GC.Collect();
        long before = GC.GetTotalMemory(true);
        long peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                await Task.Delay(5);
            }
        });
        var clock = Stopwatch.StartNew();

        var summary = await StudyPackageWriter.WriteAsync(study.Definition, study, new LocalFolderResultStore(_folder), "", new StudyPackageOptions());

        clock.Stop();
        sampling.Cancel();
        await sampler;
        double peakMiB = (peak - before) / 1048576.0;
        output.WriteLine($"10,000 trials / 500 assignments: {clock.Elapsed.TotalSeconds:F1} s, managed heap peak +{peakMiB:F1} MiB, process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB");
        Assert.Equal(10_000, summary.Trials);
        Assert.Equal(9_000, summary.TestTrials);
        Assert.True(summary.ExactlyBalanced);
        Assert.All(summary.PairCounts.Values, n => Assert.Equal(1_500, n));
        Assert.All(summary.LeftCounts.Values, n => Assert.Equal(2_250, n));
        Assert.Equal(500, Directory.GetFiles(Path.Combine(_folder, StudyLayout.Assignments), "*.html").Length);
        Assert.Equal(10_000, File.ReadLines(Path.Combine(_folder, StudyLayout.TrialKeys)).Count());
        // Streaming: the whole package is far larger than what was held at once.
        long written = Directory.GetFiles(_folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        output.WriteLine($"package: {written / 1048576.0:F1} MiB on disk");
        Assert.True(peakMiB < 150, $"managed heap grew by {peakMiB:F1} MiB");
    }
}
