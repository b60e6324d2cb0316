using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;

namespace StyleTransfer.Silo;

/// <summary>Connects to a running StyleTransfer cluster through known gateways (static gateway list).</summary>
public static class ClusterClientFactory
{
    /// <param name="gateways">Gateway endpoints of the cluster's silos (e.g. 127.0.0.1:30000).</param>
    /// <param name="clusterId">Must match the silos' ClusterId ("dev" for localhost clustering).</param>
    /// <param name="serviceId">Must match the silos' ServiceId ("dev" for localhost clustering).</param>
    public static async Task<ClusterConnection> ConnectAsync(IReadOnlyList<IPEndPoint> gateways,
        string clusterId = "dev", string serviceId = "dev", CancellationToken cancellationToken = default)
    {
        if (gateways.Count == 0) throw new ArgumentException("no gateway endpoint given", nameof(gateways));
        var host = new HostBuilder()
            .UseOrleansClient(client => client
                .UseStaticClustering(gateways.ToArray())
                .Configure<ClusterOptions>(o => { o.ClusterId = clusterId; o.ServiceId = serviceId; })
                .AddStyleTransferClient())
            .Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e)
        {
            host.Dispose();
            throw new InvalidOperationException(
                $"cannot connect to the cluster at {string.Join(", ", gateways)}: {e.Message}", e);
        }
        return new ClusterConnection(host, host.Services.GetRequiredService<IClusterClient>());
    }

    /// <summary>Parses "host:port" (host name or IP) into an endpoint.</summary>
    public static IPEndPoint ParseEndpoint(string text)
    {
        if (IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port != 0) return endpoint;
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], out var port) || port is <= 0 or > 65535)
            throw new ArgumentException($"gateway '{text}' is not host:port");
        var host = text[..colon];
        var address = Dns.GetHostAddresses(host).FirstOrDefault()
            ?? throw new ArgumentException($"gateway host '{host}' does not resolve");
        return new IPEndPoint(address, port);
    }
}
