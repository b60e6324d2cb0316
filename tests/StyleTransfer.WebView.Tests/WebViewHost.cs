using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StyleTransfer.Contracts;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Grains;
using StyleTransfer.Silo;
using StyleTransfer.Storage;

namespace StyleTransfer.WebView.Tests;

/// <summary>
/// A silo host in this process, set up as the silo program sets itself up (Localhost cluster mode, a local-folder
/// result store, the web view mapped on Kestrel at 127.0.0.1), shared by the tests of the collection.
/// </summary>
public sealed class WebViewHost : IAsyncLifetime
{
    WebApplication _app = null!;

    public TestImages Images { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public IClusterClient Client { get; private set; } = null!;

    public IResultStore Store { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static MethodSpec Options(int iterations) => MethodSpecMapping.ToSpec(new StylizeOptions
    {
        Shared = new() { MaxSize = 64, Iterations = iterations, Device = "cpu" }, Gatys = new() { Optimizer = OptimizerKind.Adam, LearningRate = 0.05 },
    });

    public async Task InitializeAsync()
    {
        int httpPort = FreePort();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Mode"] = "Localhost",
            ["Cluster:SiloPort"] = FreePort().ToString(),
            ["Cluster:GatewayPort"] = FreePort().ToString(),
            ["ResultStore:Kind"] = "local",
            ["ResultStore:Path"] = Images.Path("store"),
            ["GpuNode:Device"] = "cpu",
            ["GpuNode:Capacity"] = "1",
            ["GpuNode:TorchThreads"] = "1",
            ["GpuNode:ProgressIntervalSeconds"] = "0.3",
            ["Jobs:JobTick"] = "00:00:00.500",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var cluster = builder.Configuration.GetSection(ClusterHostOptions.SectionName).Get<ClusterHostOptions>()!;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, httpPort));
        builder.UseOrleans(silo => silo.UseStyleTransferCluster(cluster, builder.Configuration).AddStyleTransfer());
        _app = builder.Build();
        _app.MapStyleTransferWebView();
        await _app.StartAsync();
        BaseUrl = $"http://127.0.0.1:{httpPort}";
        Http.BaseAddress = new Uri(BaseUrl);
        Client = _app.Services.GetRequiredService<IClusterClient>();
        Store = _app.Services.GetRequiredService<IResultStore>();
    }

    /// <summary>Starts a job of <paramref name="good"/> stylized items (ids good0…) plus the given extra items.</summary>
    public async Task<JobSpec> StartJobAsync(string jobId, int good, int iterations, params JobItemSpec[] extra)
    {
        var style = Images.Path("style.png");
        if (!File.Exists(style)) Images.Style("style.png");
        var items = Enumerable.Range(0, good)
            .Select(i => new JobItemSpec($"good{i}", ContentImage($"{jobId}-content{i}.png", i), [new StyleSpec(style)], $"good{i}.png"))
            .Concat(extra)
            .ToList();
        var spec = new JobSpec(jobId, jobId, items, Options(iterations));
        await Client.GetGrain<IJobGrain>(jobId).StartAsync(spec);
        return spec;
    }

    /// <summary>Written once: a job started again must not find its inputs being rewritten.</summary>
    string ContentImage(string name, int seed) => File.Exists(Images.Path(name)) ? Images.Path(name) : Images.Content(name, seed);

    public async Task<JobStatus> WaitAsync(string jobId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await Client.GetGrain<IJobGrain>(jobId).GetStatusAsync();
            if (status.IsComplete) return status;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"job {jobId} not finished after {timeout}: {status.Succeeded} succeeded, {status.Failed} failed, {status.Running} running, {status.Queued} queued");
            await Task.Delay(200);
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Images.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class WebViewCollection : ICollectionFixture<WebViewHost>
{
    public const string Name = "web view";
}
