using System.Net;
using Azure.Storage.Blobs;
using StyleTransfer.Contracts;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Grains;
using StyleTransfer.Silo;

namespace StyleTransfer.Cluster.Tests;

/// <summary>An Azurite process, silo processes clustered on it, and clients connected through their gateways.</summary>
public sealed class LoopbackCluster : IAsyncDisposable
{
    public string ClusterId { get; } = "ft-" + Guid.NewGuid().ToString("N")[..8];
    public AzuriteProcess Storage { get; } = new();
    public List<SiloProcess> Silos { get; } = [];
    public TestImages Images { get; } = new();
    readonly List<ClusterConnection> _clients = [];

    /// <summary>Small and quick: each item takes a fraction of a second on one core.</summary>
    public static MethodSpec FastOptions { get; } = MethodSpecMapping.ToSpec(new StylizeOptions
    {
        Shared = new() { MaxSize = 48, Iterations = 12, Device = "cpu" }, Gatys = new() { Optimizer = OptimizerKind.Adam, LearningRate = 0.05 },
    });

    public static async Task<LoopbackCluster> StartAsync(int silos)
    {
        var cluster = new LoopbackCluster();
        await cluster.Storage.StartAsync();
        for (int i = 0; i < silos; i++) await cluster.AddSiloAsync();
        return cluster;
    }

    public async Task<SiloProcess> AddSiloAsync()
    {
        var silo = await SiloProcess.StartAsync(ClusterId, Storage.ConnectionString);
        Silos.Add(silo);
        return silo;
    }

    public async Task<IClusterClient> ConnectAsync()
    {
        var gateways = Silos.Select(s => new IPEndPoint(IPAddress.Loopback, s.GatewayPort)).ToList();
        var connection = await ClusterClientFactory.ConnectAsync(gateways, ClusterId, ClusterId, TimeSpan.FromSeconds(30));
        _clients.Add(connection);
        return connection.Client;
    }

    public async Task DisconnectAsync(IClusterClient client)
    {
        var connection = _clients.Single(c => ReferenceEquals(c.Client, client));
        _clients.Remove(connection);
        await connection.DisposeAsync();
    }

    /// <summary>Items of one style over a few content images (names item000.png …).</summary>
    public List<JobItemSpec> Items(int count)
    {
        var style = Images.Path("style.png");
        if (!File.Exists(style)) Images.Style("style.png");
        var contents = Enumerable.Range(0, 4).Select(i =>
        {
            var path = Images.Path($"content{i}.png");
            return File.Exists(path) ? path : Images.Content($"content{i}.png", i, 48, 48);
        }).ToList();
        return Enumerable.Range(0, count)
            .Select(i => new JobItemSpec($"item{i:D3}", contents[i % contents.Count], [new StyleSpec(style)], $"item{i:D3}.png"))
            .ToList();
    }

    /// <summary>Polls until the job is complete, tolerating failed calls while the cluster heals.</summary>
    public static Task<JobStatus> WaitAsync(IClusterClient client, string jobId, TimeSpan timeout, Func<JobStatus, Task>? onStatus = null) =>
        WaitUntilAsync(client, jobId, s => s.IsComplete, timeout, onStatus);

    /// <summary>Polls until the job's status satisfies <paramref name="condition"/>, tolerating failed calls while the cluster heals.</summary>
    public static async Task<JobStatus> WaitUntilAsync(IClusterClient client, string jobId, Func<JobStatus, bool> condition, TimeSpan timeout,
        Func<JobStatus, Task>? onStatus = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        JobStatus? last = null;
        Exception? lastError = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await client.GetGrain<IJobGrain>(jobId).GetStatusAsync();
                lastError = null;
            }
            catch (Exception e)
            {
                lastError = e;
            }
            if (last is not null && lastError is null)
            {
                if (onStatus is not null) await onStatus(last);
                if (condition(last)) return last;
            }
            await Task.Delay(500);
        }
        throw new JobWaitTimeoutException(last, $"job {jobId}: condition not met in {timeout}: " +
            (last is null ? "no status" : $"{last.Succeeded} succeeded, {last.Skipped} skipped, {last.Failed} failed, {last.Running} running, {last.Queued} queued of {last.Total}") +
            (lastError is null ? "" : $"; last error: {lastError.GetType().Name}: {lastError.Message}"));
    }

    /// <summary>The names of every blob under a prefix of the results container (committed outputs and anything stray).</summary>
    public async Task<List<string>> ResultNamesAsync(string prefix)
    {
        var container = new BlobContainerClient(Storage.ConnectionString, "results");
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix + "/", CancellationToken.None)) names.Add(blob.Name);
        return names;
    }

    /// <summary>Waits as <see cref="WaitAsync(IClusterClient, string, TimeSpan, Func{JobStatus, Task}?)"/>; on a timeout the
    /// message quotes every silo's log lines about the items not finished.</summary>
    public async Task<JobStatus> WaitTracedAsync(IClusterClient client, string jobId, TimeSpan timeout, Func<JobStatus, Task>? onStatus = null)
    {
        try
        {
            return await WaitAsync(client, jobId, timeout, onStatus);
        }
        catch (JobWaitTimeoutException e) when (e.Last is not null)
        {
            var open = e.Last.Items.Where(i => !i.State.IsFinal()).ToList();
            var about = string.Join("\n", open.Select(i => $"{i.ItemId}: {i.State} on {i.Node}, attempt {i.Attempts}, {i.FailureReason}"));
            throw new TimeoutException($"{e.Message}\nnot finished:\n{about}\n{LogLinesAbout(open.Select(i => i.ItemId).ToList())}", e);
        }
    }

    /// <summary>Lines of every silo's log (killed ones too) that name one of <paramref name="needles"/>, with the line before each.</summary>
    public string LogLinesAbout(IReadOnlyList<string> needles, int max = 80)
    {
        var found = new List<string>();
        for (int s = 0; s < Silos.Count; s++)
        {
            var lines = Silos[s].AllLines();
            for (int i = 0; i < lines.Count; i++)
                if (needles.Any(n => lines[i].Contains(n, StringComparison.Ordinal)))
                    found.Add($"[silo {s}] {(i > 0 ? lines[i - 1].Trim() + " | " : "")}{lines[i].Trim()}");
        }
        return string.Join("\n", found.TakeLast(max));
    }

    public string Logs() => string.Join("\n", Silos.Select((s, i) => $"--- silo {i} ---\n{s.Tail(25)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients) await client.DisposeAsync();
        foreach (var silo in Silos) await silo.DisposeAsync();
        await Storage.DisposeAsync();
        Images.Dispose();
    }
}

/// <summary>A wait for a job's condition ran out of time; <see cref="Last"/> is the last status read, if any.</summary>
public sealed class JobWaitTimeoutException(JobStatus? last, string message) : TimeoutException(message)
{
    public JobStatus? Last { get; } = last;
}
