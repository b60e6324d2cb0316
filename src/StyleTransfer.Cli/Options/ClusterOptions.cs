using System.CommandLine;

namespace StyleTransfer.Cli.Options;

/// <summary>Where the job runs and where its results go.</summary>
public sealed class ClusterOptions
{
    public const string AzureConnectionEnvironmentVariable = "AZURE_STORAGE_CONNECTION_STRING";

    readonly ClusterAddress _address = new(required: false,
        "Gateways of a running cluster, host:port[,host:port] (default: start an embedded in-process silo)");

    public Option<string?> Cluster => _address.Cluster;

    public Option<string> Store { get; } = new Option<string>("--store")
    {
        Description = "Result store of the embedded silo: local (files under --out) or azure (blobs named <out>/<name>)",
        DefaultValueFactory = _ => "local",
    }.AcceptOnlyFromAmong("local", "azure");

    public Option<string?> AzureConnection { get; } = new("--azure-connection")
    {
        // Read from the environment in Bind, not as a default value: help would print the secret.
        Description = $"Azure Storage connection string for --store azure ('UseDevelopmentStorage=true' for Azurite) [default: ${AzureConnectionEnvironmentVariable}]",
        HelpName = "string",
    };

    public Option<string> Container { get; } = new("--container")
    {
        Description = "Blob container for --store azure (created if missing)",
        DefaultValueFactory = _ => "styletransfer",
        HelpName = "name",
    };

    public Option<string?> JobId { get; } = new("--job-id")
    {
        Description = "Job id (default: derived from the inputs and options, so re-running the same command skips finished outputs)",
        HelpName = "id",
    };

    public Option<bool> Overwrite { get; } = new("--overwrite")
    {
        Description = "Replace existing files at output names that styletransfer did not write (files without a .meta.json); inputs are never replaced",
    };

    public IEnumerable<Option> All => [.. _address.All, Store, AzureConnection, Container, JobId, Overwrite];

    public void AddTo(Command command)
    {
        foreach (var option in All) command.Options.Add(option);
    }

    /// <param name="storeWithCluster">--store may come with --cluster: this client itself reads and writes the
    /// cluster's store (study create); see <see cref="BindStore"/>.</param>
    public ClusterTarget Bind(ParseResult result, bool storeWithCluster = false)
    {
        if (result.GetValue(Cluster) is not null)
        {
            if (!storeWithCluster)
                foreach (var option in new Option[] { Store, AzureConnection, Container })
                    if (result.GetResult(option) is { Implicit: false })
                        throw new UsageException($"{option.Name}: the result store of a running cluster is configured on its silos; drop {option.Name} or --cluster");
            foreach (var option in result.CommandResult.Command.Options.Where(o => o.Name == "--device"))
                if (result.GetResult(option) is { Implicit: false })
                    throw new UsageException("--device: the device of a running cluster's nodes is configured on its silos (GpuNode__Device); drop --device or --cluster");
            return _address.Bind(result);
        }
        return new ClusterTarget(null, "dev", "dev", BindStore(result));
    }

    /// <summary>The store named by --store/--azure-connection/--container (a local store's Path is left to the command).</summary>
    public Storage.ResultStoreOptions BindStore(ParseResult result)
    {
        var store = result.GetValue(Store)!;
        var storeOptions = new Storage.ResultStoreOptions { Kind = store };
        if (store == Storage.ResultStoreOptions.AzureKind)
        {
            storeOptions.ConnectionString = result.GetValue(AzureConnection)
                ?? Environment.GetEnvironmentVariable(AzureConnectionEnvironmentVariable);
            storeOptions.Container = result.GetValue(Container);
            if (string.IsNullOrWhiteSpace(storeOptions.ConnectionString))
                throw new UsageException($"--azure-connection: required with --store azure (or set {AzureConnectionEnvironmentVariable})");
            var validation = new Storage.ResultStoreOptionsValidator().Validate(null, storeOptions);
            if (validation.Failed)
                throw new UsageException($"--container {storeOptions.Container}: {string.Join(" ", validation.Failures)}");
        }
        return storeOptions;
    }

    public string? ExplicitJobId(ParseResult result)
    {
        var id = result.GetValue(JobId);
        if (id is null) return null;
        if (string.IsNullOrWhiteSpace(id) || id.Any(char.IsControl))
            throw new UsageException($"--job-id '{id}': must be a non-empty single-line name");
        return id.Trim();
    }
}
