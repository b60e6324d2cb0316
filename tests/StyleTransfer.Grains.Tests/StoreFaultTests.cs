using Microsoft.Extensions.DependencyInjection;
using StyleTransfer.Contracts;
using StyleTransfer.Engine;
using StyleTransfer.Silo;
using StyleTransfer.Storage;

namespace StyleTransfer.Grains.Tests;

/// <summary>
/// Issue 10: the result store's disk fills up mid-job, or the store turns read-only. The job reports the items it
/// could not commit, loses no finished image (a retry commits it without recomputing) and resumes when space returns.
/// The faults are the operating system's own errors: ENOSPC as raised by a real write to /dev/full, EACCES as .NET
/// raises it for a folder without write permission.
/// </summary>
public sealed class StoreFaultTests
{
    /// <summary>A local folder store whose disk can be made full or read-only.</summary>
    sealed class FaultyDisk(LocalFolderResultStore inner) : IResultStore
    {
        public volatile bool Full;
        public volatile bool ReadOnly;
        public int FailedCommits;

        public string Describe() => inner.Describe();

        public Task<StoredResult?> GetAsync(string name, CancellationToken cancellationToken = default) => inner.GetAsync(name, cancellationToken);

        public Task<byte[]> ReadAsync(string name, CancellationToken cancellationToken = default) => inner.ReadAsync(name, cancellationToken);

        public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

        public Task<StoredResult> CommitAsync(string name, ReadOnlyMemory<byte> content, IReadOnlyDictionary<string, string> metadata,
            CancellationToken cancellationToken = default)
        {
            if (Full)
            {
                Interlocked.Increment(ref FailedCommits);
                throw DiskFullError();
            }
            if (ReadOnly)
            {
                Interlocked.Increment(ref FailedCommits);
                var path = Path.Combine(inner.RootPath, name);
                throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.", new IOException("Permission denied", 13));
            }
            return inner.CommitAsync(name, content, metadata, cancellationToken);
        }

        static IOException DiskFullError()
        {
            try
            {
                using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write);
                full.Write(new byte[4096]);
                full.Flush(flushToDisk: true);
            }
            catch (IOException e)
            {
                return e;
            }
            throw new InvalidOperationException("/dev/full accepted a write");
        }
    }

    /// <summary>The real engine, counting the images it computes.</summary>
    sealed class CountingEngine(IStylizationEngine inner) : IStylizationEngine
    {
        public int Computed;

        public string DeviceDescription => inner.DeviceDescription;

        public StylizeResult Stylize(StylizeRequest request, IProgress<StylizeProgress>? progress = null,
            Action<int, byte[]>? snapshot = null, CancellationToken cancellationToken = default)
        {
            var result = inner.Stylize(request, progress, snapshot, cancellationToken);
            Interlocked.Increment(ref Computed);
            return result;
        }

        public LabelMapPair SegmentAutomatically(string contentPath, string stylePath, Engine.Methods.StylizeOptions options) =>
            inner.SegmentAutomatically(contentPath, stylePath, options);
    }

    sealed class Harness : IAsyncDisposable
    {
        public TestImages Images { get; } = new();
        public FaultyDisk Disk { get; }
        public CountingEngine Engine { get; } = new(new StylizationEngine("cpu"));
        public EmbeddedCluster Cluster { get; private set; } = null!;
        public string Pending => Images.Path("pending");

        Harness() => Disk = new FaultyDisk(new LocalFolderResultStore(Images.Path("results")));

        public static async Task<Harness> StartAsync()
        {
            var harness = new Harness();
            harness.Cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions
            {
                Node = node =>
                {
                    node.Device = "cpu";
                    node.PendingResultsPath = harness.Pending;
                },
                Services = services =>
                {
                    services.AddSingleton<IResultStore>(harness.Disk);
                    services.AddSingleton<IStylizationEngine>(harness.Engine);
                    services.Configure<JobOptions>(jobs => jobs.RetryBaseDelay = TimeSpan.FromMilliseconds(200));
                },
            });
            return harness;
        }

        public JobSpec Job(string id, int items)
        {
            var style = Images.Style($"{id}-s.png", 32, 32);
            var specs = Enumerable.Range(0, items)
                .Select(i => new JobItemSpec($"i{i}", Images.Content($"{id}-c{i}.png", i, 32, 32), [new StyleSpec(style)], $"i{i}.png"))
                .ToList();
            return new JobSpec(id, id, specs, ClusterFixture.Fast(o => o with { Shared = o.Shared with { MaxSize = 32 } }));
        }

        public async Task<JobStatus> WaitAsync(string jobId, Func<JobStatus, bool> until, TimeSpan timeout)
        {
            var job = Cluster.Client.GetGrain<IJobGrain>(jobId);
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                var status = await job.GetStatusAsync();
                if (until(status)) return status;
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"job {jobId}:\n{ClusterFixture.Describe(status)}");
                await Task.Delay(100);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Cluster.DisposeAsync();
            Images.Dispose();
        }
    }

    [Fact]
    public async Task Disk_full_mid_job_reports_the_uncommitted_items_keeps_their_images_and_resumes_when_space_returns()
    {
        await using var h = await Harness.StartAsync();
        var spec = h.Job("full", 3);
        var job = h.Cluster.Client.GetGrain<IJobGrain>("full");

        h.Disk.Full = true;
        await job.StartAsync(spec);
        // Every item was computed once and could not be committed; the job says why while it retries.
        var stuck = await h.WaitAsync("full", s => s.Items.Count(i => i.FailureReason?.Contains("No space left") == true && i.Attempts >= 2) == 3,
            TimeSpan.FromSeconds(90));
        Assert.False(stuck.IsComplete);
        Assert.Equal(0, stuck.Succeeded);
        h.Disk.Full = false;

        var done = await h.WaitAsync("full", s => s.IsComplete, TimeSpan.FromSeconds(90));

        Assert.True(done.Succeeded == 3, ClusterFixture.Describe(done));
        Assert.Equal(3, h.Engine.Computed); // retries committed the kept images; nothing was recomputed
        Assert.True(h.Disk.FailedCommits >= 6);
        foreach (var item in spec.Items)
            Assert.NotNull(await h.Disk.GetAsync($"full/{item.OutputName}"));
        Assert.Empty(Directory.Exists(h.Pending) ? Directory.GetFiles(h.Pending) : []);
    }

    [Fact]
    public async Task A_read_only_store_fails_items_at_once_keeps_the_images_and_a_rerun_commits_them_without_recomputing()
    {
        await using var h = await Harness.StartAsync();
        var spec = h.Job("ro", 2);

        h.Disk.ReadOnly = true;
        await h.Cluster.Client.GetGrain<IJobGrain>("ro").StartAsync(spec);
        var failed = await h.WaitAsync("ro", s => s.IsComplete, TimeSpan.FromSeconds(60));

        Assert.True(failed.Failed == 2, ClusterFixture.Describe(failed));
        Assert.All(failed.Items, i =>
        {
            Assert.Equal(1, i.Attempts); // permission denied is permanent: not retried
            Assert.Contains("denied", i.FailureReason);
            Assert.Contains("kept", i.FailureReason);
        });
        Assert.Equal(2, h.Engine.Computed);
        Assert.Equal(2, h.Disk.FailedCommits);

        h.Disk.ReadOnly = false;
        await h.Cluster.Client.GetGrain<IJobGrain>("ro-again").StartAsync(spec with { JobId = "ro-again" });
        var again = await h.WaitAsync("ro-again", s => s.IsComplete, TimeSpan.FromSeconds(60));

        Assert.True(again.Succeeded == 2, ClusterFixture.Describe(again));
        Assert.Equal(2, h.Engine.Computed);
        foreach (var item in spec.Items)
            Assert.NotNull(await h.Disk.GetAsync($"ro/{item.OutputName}"));
    }
}
