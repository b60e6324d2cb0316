namespace StyleTransfer.Silo;

/// <summary>
/// How the silo host joins its cluster (section "Orleans"). Localhost clustering: the first silo is the primary;
/// further silos on the same machine use other ports and point <see cref="PrimarySiloPort"/> at it.
/// </summary>
public sealed class SiloHostOptions
{
    public const string SectionName = "Orleans";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>Silo port of the primary silo; null = this silo is the primary.</summary>
    public int? PrimarySiloPort { get; set; }

    public string ClusterId { get; set; } = "dev";

    public string ServiceId { get; set; } = "dev";
}
