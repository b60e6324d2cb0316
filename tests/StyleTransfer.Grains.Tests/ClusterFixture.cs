using Azure.Storage.Blobs;
using Orleans.TestingHost;
using StyleTransfer.Contracts;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Silo;
using StyleTransfer.Storage;

namespace StyleTransfer.Grains.Tests;

/// <summary>
/// Two in-process silos configured by <see cref="StyleTransferSiloBuilderExtensions.AddStyleTransfer"/>, writing to a
/// fresh container on Azurite (or the account in STYLETRANSFER_AZURE_CONNECTION). Fails, rather than skips, when
/// blob storage is not reachable.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string ConnectionEnvironmentVariable = "STYLETRANSFER_AZURE_CONNECTION";

    public string ConnectionString { get; } =
        Environment.GetEnvironmentVariable(ConnectionEnvironmentVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : "UseDevelopmentStorage=true";

    public string ContainerName { get; } = "styletransfer-grains-" + Guid.NewGuid().ToString("N");

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>The same container the silos write to, for checking outputs.</summary>
    public AzureBlobResultStore Store { get; private set; } = null!;

    public TestImages Images { get; } = new();

    /// <summary>Tiny and fast: 64 px, 5 Adam steps.</summary>
    public static StylizeOptions FastEngineOptions { get; } = new()
    {
        Shared = new() { MaxSize = 64, Iterations = 5, Device = "cpu" }, Gatys = new() { Optimizer = OptimizerKind.Adam, LearningRate = 0.05 },
    };

    public static MethodSpec FastOptions { get; } = MethodSpecMapping.ToSpec(FastEngineOptions);

    /// <summary><see cref="FastOptions"/> changed on the engine's side (where the defaults are).</summary>
    public static MethodSpec Fast(Func<StylizeOptions, StylizeOptions> change) => MethodSpecMapping.ToSpec(change(FastEngineOptions));

    public async Task InitializeAsync()
    {
        await ProbeStorageAsync();
        Store = new AzureBlobResultStore(ConnectionString, ContainerName);
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => silo.UseInMemoryJobState().AddStyleTransfer(
            store =>
            {
                store.Kind = ResultStoreOptions.AzureKind;
                store.ConnectionString = ConnectionString;
                store.Container = ContainerName;
            },
            node =>
            {
                node.Capacity = 1;
                node.Device = "cpu";
                node.ProgressIntervalSeconds = 0.5;
            }));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    async Task ProbeStorageAsync()
    {
        var options = AzureBlobResultStore.CreateClientOptions();
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        var probe = new BlobContainerClient(ConnectionString, ContainerName, options);
        try
        {
            await probe.CreateIfNotExistsAsync();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"Azure Blob storage is not reachable at {probe.Uri} ({e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}). " +
                $"Start Azurite with `scripts/azurite.sh start`, or point {ConnectionEnvironmentVariable} at a reachable storage account.", e);
        }
    }

    /// <summary>Starts the job and polls its status until every item is final.</summary>
    public async Task<JobStatus> RunAsync(JobSpec spec, TimeSpan? timeout = null)
    {
        var job = Client.GetGrain<IJobGrain>(spec.JobId);
        await job.StartAsync(spec);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(150));
        while (true)
        {
            var status = await job.GetStatusAsync();
            if (status.IsComplete) return status;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"job {spec.JobId} did not finish: " +
                    string.Join("; ", status.Items.Select(i => $"{i.ItemId} {i.State} {i.Iteration}/{i.TotalIterations}")));
            await Task.Delay(250);
        }
    }

    /// <summary>One line per item, for assertion messages.</summary>
    public static string Describe(JobStatus status) =>
        $"counts: {status.Queued} queued, {status.Running} running, {status.Succeeded} succeeded, {status.Failed} failed, " +
        $"{status.Skipped} skipped, {status.CancelledItems} cancelled of {status.Total}\n" +
        string.Join("\n", status.Items.Select(i =>
            $"{i.ItemId}: {i.State} on {i.Node ?? "-"} {i.Iteration}/{i.TotalIterations} {i.FailureReason ?? i.ResultLocation}"));

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }
        if (Store is not null) await Store.Container.DeleteIfExistsAsync();
        Images.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
