using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;
using StyleTransfer.Storage;

namespace StyleTransfer.Silo;

/// <summary>
/// A one-silo cluster inside this process (localhost clustering), for running jobs without a deployed cluster.
/// <see cref="Client"/> is the silo's co-hosted client; <see cref="Gateway"/> lets other processes connect too.
/// </summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    readonly IHost _host;

    EmbeddedCluster(IHost host, IPEndPoint gateway)
    {
        _host = host;
        Gateway = gateway;
        Client = host.Services.GetRequiredService<IClusterClient>();
        ResultStore = host.Services.GetRequiredService<IResultStore>();
    }

    public IClusterClient Client { get; }

    public IPEndPoint Gateway { get; }

    /// <summary>The store the silo commits results to (e.g. to read outputs back).</summary>
    public IResultStore ResultStore { get; }

    public static async Task<EmbeddedCluster> StartAsync(EmbeddedClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmbeddedClusterOptions();
        int siloPort = options.SiloPort == 0 ? FreePorts.Next() : options.SiloPort;
        int gatewayPort = options.GatewayPort == 0 ? FreePorts.Next() : options.GatewayPort;
        var builder = new HostBuilder()
            .ConfigureLogging(logging => options.Logging?.Invoke(logging))
            .UseOrleans(silo => silo
                .ConfigureServices(services => options.Services?.Invoke(services))
                .UseStyleTransferLocalhostClustering(siloPort, gatewayPort)
                .UseInMemoryJobState()
                .AddStyleTransfer(store =>
                {
                    store.Kind = ResultStoreOptions.LocalKind;
                    store.Path = Path.GetFullPath("out");
                    options.ResultStore?.Invoke(store);
                }, options.Node));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new EmbeddedCluster(host, new IPEndPoint(IPAddress.Loopback, gatewayPort));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _host.Dispose();
        }
    }
}
