using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;

namespace StyleTransfer.Silo;

public static class LocalhostClusteringExtensions
{
    public const string DefaultClusterId = "dev";
    public const string DefaultServiceId = "dev";

    /// <summary>
    /// Localhost clustering with explicit ids. The ids are also post-configured: the host's own ClusterOptions
    /// defaults ("default") would otherwise win, and clients (which must present the same cluster id) get refused.
    /// </summary>
    public static ISiloBuilder UseStyleTransferLocalhostClustering(this ISiloBuilder builder, int siloPort, int gatewayPort,
        IPEndPoint? primarySiloEndpoint = null, string serviceId = DefaultServiceId, string clusterId = DefaultClusterId)
    {
        builder.UseLocalhostClustering(siloPort, gatewayPort, primarySiloEndpoint, serviceId, clusterId);
        builder.Services.PostConfigure<ClusterOptions>(o => { o.ClusterId = clusterId; o.ServiceId = serviceId; });
        return builder;
    }
}
