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
    /// <param name="connectTimeout">How long to keep retrying the first connection (default 10 s).</param>
    public static async Task<ClusterConnection> ConnectAsync(IReadOnlyList<IPEndPoint> gateways,
        string clusterId = LocalhostClusteringExtensions.DefaultClusterId, string serviceId = LocalhostClusteringExtensions.DefaultServiceId, TimeSpan? connectTimeout = null,
        Action<Microsoft.Extensions.Logging.ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        if (gateways.Count == 0) throw new ArgumentException("no gateway endpoint given", nameof(gateways));
        var host = new HostBuilder()
            .ConfigureLogging(builder => logging?.Invoke(builder))
            .UseOrleansClient(client =>
            {
                client.UseStaticClustering(gateways.ToArray());
                // PostConfigure: the client's own defaults ("default") would otherwise win over Configure.
                client.Services.PostConfigure<ClusterOptions>(o => { o.ClusterId = clusterId; o.ServiceId = serviceId; });
                client.Services.AddSingleton<IClientConnectionRetryFilter>(
                    new DeadlineRetryFilter(connectTimeout ?? TimeSpan.FromSeconds(10)));
            })
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

    /// <summary>Retries the first connection every second until a deadline (Orleans' default keeps trying for minutes).</summary>
    sealed class DeadlineRetryFilter(TimeSpan timeout) : IClientConnectionRetryFilter
    {
        readonly DateTime _deadline = DateTime.UtcNow + timeout;

        public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
        {
            if (DateTime.UtcNow + TimeSpan.FromSeconds(1) > _deadline) return false;
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            return true;
        }
    }
}
