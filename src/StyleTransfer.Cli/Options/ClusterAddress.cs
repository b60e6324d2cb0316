using System.CommandLine;

namespace StyleTransfer.Cli.Options;

/// <summary>The options that name a running cluster, for the commands that act on an existing job.</summary>
public sealed class ClusterAddress
{
    public Option<string> Cluster { get; } = new("--cluster")
    {
        Description = "Gateways of the running cluster, host:port[,host:port]",
        HelpName = "host:port",
        Required = true,
    };

    public Option<string> ClusterId { get; } = new("--cluster-id")
    {
        Description = "ClusterId of the running cluster",
        DefaultValueFactory = _ => "dev",
        HelpName = "id",
    };

    public Option<string> ServiceId { get; } = new("--service-id")
    {
        Description = "ServiceId of the running cluster",
        DefaultValueFactory = _ => "dev",
        HelpName = "id",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Cluster);
        command.Options.Add(ClusterId);
        command.Options.Add(ServiceId);
    }

    public ClusterTarget Bind(ParseResult result)
    {
        var list = result.GetValue(Cluster)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (list.Length == 0) throw new UsageException("--cluster: no gateway given; expected host:port[,host:port]");
        return new ClusterTarget(list, result.GetValue(ClusterId)!, result.GetValue(ServiceId)!, null);
    }
}
