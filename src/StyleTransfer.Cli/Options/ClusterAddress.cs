using System.CommandLine;

namespace StyleTransfer.Cli.Options;

/// <summary>
/// The options that name a running cluster: required for the commands that act on an existing job, optional where
/// an embedded silo is the default (<see cref="ClusterOptions"/>).
/// </summary>
public sealed class ClusterAddress(bool required, string clusterDescription = "Gateways of the running cluster, host:port[,host:port]")
{
    public Option<string?> Cluster { get; } = new("--cluster")
    {
        Description = clusterDescription,
        HelpName = "host:port",
        Required = required,
    };

    public Option<string> ClusterId { get; } = new("--cluster-id")
    {
        Description = "ClusterId of the running cluster" + (required ? "" : " (with --cluster)"),
        DefaultValueFactory = _ => "dev",
        HelpName = "id",
    };

    public Option<string> ServiceId { get; } = new("--service-id")
    {
        Description = "ServiceId of the running cluster" + (required ? "" : " (with --cluster)"),
        DefaultValueFactory = _ => "dev",
        HelpName = "id",
    };

    public IEnumerable<Option> All => [Cluster, ClusterId, ServiceId];

    public void AddTo(Command command)
    {
        foreach (var option in All) command.Options.Add(option);
    }

    /// <summary>The cluster named by --cluster (which must be given).</summary>
    public ClusterTarget Bind(ParseResult result)
    {
        var list = result.GetValue(Cluster)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (list.Length == 0) throw new UsageException("--cluster: no gateway given; expected host:port[,host:port]");
        return new ClusterTarget(list, result.GetValue(ClusterId)!, result.GetValue(ServiceId)!, null);
    }
}
