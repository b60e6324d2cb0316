using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Runtime.Placement;
using Orleans.Serialization;
using Orleans.TestingHost;
using StyleTransfer.Contracts;
using StyleTransfer.Engine;
using StyleTransfer.Silo;
using StyleTransfer.Storage;

namespace StyleTransfer.Grains.Tests.Fakes;

/// <summary>
/// In-process silos configured by <see cref="StyleTransferSiloBuilderExtensions.AddStyleTransfer"/> as in production,
/// but with the <see cref="FakeEngine"/> instead of TorchSharp, a local-folder result store in a temp folder, job
/// state in <see cref="SharedGrainStorage"/> (it survives a killed silo, as a database would) and short job timers:
/// grain behaviour (dispatch, retries, lost nodes, cancellation) in tests of a second or two, without Azurite.
/// </summary>
public sealed class FakeCluster : IAsyncDisposable
{
    FakeCluster(InProcessTestCluster cluster, FakeEngine engine, TestImages images, CountingStore store)
    {
        Cluster = cluster;
        Engine = engine;
        Images = images;
        Store = store;
    }

    public InProcessTestCluster Cluster { get; }

    public FakeEngine Engine { get; }

    public TestImages Images { get; }

    /// <summary>The store all silos commit to (a local folder under <see cref="Images"/>).</summary>
    public CountingStore Store { get; }

    public string ResultsFolder => Images.Path("results");

    public IClusterClient Client => Cluster.Client;

    /// <summary>A node's id, as jobs report it: the silo's address.</summary>
    public static string NodeOf(InProcessSiloHandle silo) => silo.SiloAddress.ToParsableString();

    /// <param name="capacity">concurrent items per node.</param>
    /// <param name="jobs">changes to the job options (after the test defaults: retries after 20 ms, ticks of 100 ms, audits every 500 ms).</param>
    public static async Task<FakeCluster> StartAsync(int silos = 2, int capacity = 1, Action<JobOptions>? jobs = null)
    {
        var engine = new FakeEngine();
        var images = new TestImages();
        var store = new CountingStore(new LocalFolderResultStore(images.Path("results")));
        var records = new SharedGrainStorage.Records();
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IResultStore>(store);
            silo.Services.AddSingleton<IStylizationEngine>(services =>
                engine.On(services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString()));
            silo.Services.AddGrainStorage(StorageNames.Jobs, (services, _) =>
                new SharedGrainStorage(records, services.GetRequiredService<Serializer>()));
            silo.UseInMemoryReminderService();
            silo.Services.Configure<JobOptions>(options =>
            {
                options.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
                options.PageTick = TimeSpan.FromMilliseconds(100);
                options.JobTick = TimeSpan.FromMilliseconds(100);
                options.PageAudit = TimeSpan.FromMilliseconds(500);
                jobs?.Invoke(options);
            });
            silo.AddStyleTransfer(
                options => { options.Kind = ResultStoreOptions.LocalKind; options.Path = images.Path("results"); },
                node =>
                {
                    node.Capacity = capacity;
                    node.Device = "cpu";
                    node.ProgressIntervalSeconds = 0.1;
                    node.PendingResultsPath = images.Path("pending");
                });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new FakeCluster(cluster, engine, images, store);
    }

    /// <summary>
    /// Runs <paramref name="call"/> with a placement hint for <paramref name="silo"/>: a grain it activates (e.g. a job's
    /// page, before the job starts) lives there, so that a test can kill the silo under it.
    /// </summary>
    public async Task PlaceOnAsync(InProcessSiloHandle silo, Func<IClusterClient, Task> call)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo.SiloAddress);
        try
        {
            await call(Client);
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    /// <summary>The silo where <paramref name="grain"/> is active, or null.</summary>
    public async Task<SiloAddress?> SiloOfAsync(IAddressable grain) =>
        await Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);

    /// <summary>A job of one item per name; an item's content file is "&lt;name&gt;.png", its output "&lt;name&gt;.png" under the job's id.</summary>
    public JobSpec Job(string jobId, params string[] items)
    {
        var style = Images.Style($"{jobId}-style.png", 8, 8);
        return new JobSpec(jobId, jobId, items.Select((name, i) =>
            new JobItemSpec(name, Images.Content($"{name}.png", i, 8, 8), [new StyleSpec(style)], $"{name}.png")).ToList(),
            ClusterFixture.FastOptions);
    }

    public async Task<IJobGrain> StartAsync(JobSpec spec)
    {
        var job = Client.GetGrain<IJobGrain>(spec.JobId);
        await job.StartAsync(spec);
        return job;
    }

    /// <summary>Polls the job until every item is final.</summary>
    public async Task<JobStatus> WaitAsync(string jobId, TimeSpan? timeout = null)
    {
        var job = Client.GetGrain<IJobGrain>(jobId);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var status = await job.GetStatusAsync();
            if (status.IsComplete) return status;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"job {jobId} did not finish:\n{ClusterFixture.Describe(status)}\nengine calls: {string.Join("; ", Engine.Calls)}");
            await Task.Delay(20);
        }
    }

    /// <summary>Every file under the results folder, relative to it (committed outputs and anything half-written).</summary>
    public IReadOnlyList<string> FilesInResults() => Directory.Exists(ResultsFolder)
        ? Directory.GetFiles(ResultsFolder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(ResultsFolder, f)).Order().ToList()
        : [];

    public async ValueTask DisposeAsync()
    {
        Engine.Dispose();
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Images.Dispose();
    }
}
