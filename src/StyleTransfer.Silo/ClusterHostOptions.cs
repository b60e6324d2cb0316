namespace StyleTransfer.Silo;

/// <summary>How the silo hosts join their cluster.</summary>
public enum ClusterMode
{
    /// <summary>Silos on one machine; the first is the primary (development, the CLI's embedded silo).</summary>
    Localhost,
    /// <summary>Membership, job state and reminders in Azure Storage (tables and blobs; Azurite locally): VMs, compose.</summary>
    AzureStorage,
    /// <summary>As <see cref="AzureStorage"/>, plus Orleans' Kubernetes hosting (pod identity, dead pods removed).</summary>
    Kubernetes,
}

/// <summary>
/// The silo host's cluster settings (section "Cluster"). Storage-backed modes read the connection string
/// "ConnectionStrings:AzureStorage". Orleans' membership and reminder options can be tuned under
/// "Cluster:Membership" and "Cluster:Reminders" (e.g. faster failure detection in tests).
/// </summary>
public sealed class ClusterHostOptions
{
    public const string SectionName = "Cluster";
    public const string ConnectionStringName = "AzureStorage";

    public ClusterMode Mode { get; set; } = ClusterMode.Localhost;

    public string ClusterId { get; set; } = LocalhostClusteringExtensions.DefaultClusterId;

    public string ServiceId { get; set; } = LocalhostClusteringExtensions.DefaultServiceId;

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>Localhost mode: silo port of the primary silo; null = this silo is the primary.</summary>
    public int? PrimarySiloPort { get; set; }

    /// <summary>The IP other silos and clients reach this silo at; default: this machine's first non-loopback IPv4 (POD_IP in Kubernetes).</summary>
    public string? AdvertisedAddress { get; set; }
}
