using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using StyleTransfer.Grains;

namespace StyleTransfer.Silo;

/// <summary>Clustering, durable job state and reminders of a silo host, by <see cref="ClusterMode"/>.</summary>
public static class ClusterHostingExtensions
{
    public static ISiloBuilder UseStyleTransferCluster(this ISiloBuilder builder, ClusterHostOptions options, IConfiguration configuration)
    {
        var section = configuration.GetSection(ClusterHostOptions.SectionName);
        builder.Services.Configure<ClusterMembershipOptions>(section.GetSection("Membership"));
        builder.Services.Configure<Orleans.Hosting.ReminderOptions>(section.GetSection("Reminders"));
        if (options.Mode == ClusterMode.Localhost)
        {
            builder.UseStyleTransferLocalhostClustering(options.SiloPort, options.GatewayPort,
                options.PrimarySiloPort is int primary ? new IPEndPoint(IPAddress.Loopback, primary) : null,
                options.ServiceId, options.ClusterId);
            return builder.UseInMemoryJobState();
        }

        var connection = configuration.GetConnectionString(ClusterHostOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connection))
            throw new InvalidOperationException(
                $"Cluster:Mode {options.Mode} needs the connection string ConnectionStrings:{ClusterHostOptions.ConnectionStringName} (env ConnectionStrings__{ClusterHostOptions.ConnectionStringName})");
        builder.Configure<ClusterOptions>(o => { o.ClusterId = options.ClusterId; o.ServiceId = options.ServiceId; });
        builder.Services.PostConfigure<ClusterOptions>(o => { o.ClusterId = options.ClusterId; o.ServiceId = options.ServiceId; });
        if (options.Mode == ClusterMode.Kubernetes)
            builder.UseKubernetesHosting(); // pod name, IP and ids from the downward API; removes dead pods' silos
        else
            builder.ConfigureEndpoints(AdvertisedAddress(options), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        builder.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(connection));
        builder.AddAzureBlobGrainStorage(StorageNames.Jobs, o => o.BlobServiceClient = new BlobServiceClient(connection));
        builder.UseAzureTableReminderService(o => o.TableServiceClient = new TableServiceClient(connection));
        return builder;
    }

    /// <summary>Job state in silo memory and in-memory reminders: for single-process clusters (embedded silo, tests).</summary>
    public static ISiloBuilder UseInMemoryJobState(this ISiloBuilder builder) =>
        builder.AddMemoryGrainStorage(StorageNames.Jobs).UseInMemoryReminderService();

    static IPAddress AdvertisedAddress(ClusterHostOptions options)
    {
        if (options.AdvertisedAddress is { Length: > 0 } text)
            return IPAddress.TryParse(text, out var ip) ? ip
                : Dns.GetHostAddresses(text).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                  ?? throw new InvalidOperationException($"Cluster:AdvertisedAddress '{text}' does not resolve to an IPv4 address");
        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? IPAddress.Loopback;
    }
}
