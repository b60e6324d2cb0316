using Microsoft.Extensions.Hosting;

namespace StyleTransfer.Silo;

/// <summary>A connected client of a running cluster; dispose to disconnect.</summary>
public sealed class ClusterConnection(IHost host, IClusterClient client) : IAsyncDisposable
{
    public IClusterClient Client { get; } = client;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await host.StopAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            host.Dispose();
        }
    }
}
