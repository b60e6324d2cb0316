using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
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
        {
            builder.UseKubernetesHosting(); // pod name and IP from the downward API; the pod's labels track silo status
            builder.Configure<EndpointOptions>(o => { o.SiloPort = options.SiloPort; o.GatewayPort = options.GatewayPort; });
        }
        else
        {
            builder.ConfigureEndpoints(AdvertisedAddress(options), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        }
        builder.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(connection));
        // Orleans' own serializer for job state: the [GenerateSerializer] contracts (records, engine options) round-trip
        // exactly; the provider's default JSON serializer cannot rebuild them.
        builder.AddAzureBlobGrainStorage(StorageNames.Jobs, options => options.Configure<Serializer>((o, serializer) =>
        {
            o.BlobServiceClient = new BlobServiceClient(connection);
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        builder.UseAzureTableReminderService(o => o.TableServiceClient = new TableServiceClient(connection));
        return builder;
    }

    /// <summary>Job state in silo memory and in-memory reminders: for single-process clusters (embedded silo, tests).</summary>
    public static ISiloBuilder UseInMemoryJobState(this ISiloBuilder builder) => builder
        .AddMemoryGrainStorage(StorageNames.Jobs, options => options.Configure<Serializer>((o, serializer) =>
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)))
        .UseInMemoryReminderService();

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
