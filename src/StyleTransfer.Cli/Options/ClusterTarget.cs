using Microsoft.Extensions.Logging;
using StyleTransfer.Silo;
using StyleTransfer.Storage;

namespace StyleTransfer.Cli.Options;

/// <summary>
/// Either a running cluster (<see cref="Gateways"/>) or an embedded in-process silo writing to <see cref="Store"/>
/// (a local store's <see cref="ResultStoreOptions.Path"/> is set by the command from --out).
/// </summary>
public sealed record ClusterTarget(IReadOnlyList<string>? Gateways, string ClusterId, string ServiceId, ResultStoreOptions? Store)
{
    public static TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public bool IsEmbedded => Gateways is null;

    /// <summary>Results are files under --out (embedded silo with a local store); otherwise --out is a name prefix.</summary>
    public bool OutIsLocalFolder => IsEmbedded && Store!.Kind == ResultStoreOptions.LocalKind;

    public string Describe() => IsEmbedded
        ? $"embedded silo, {(Store!.Kind == ResultStoreOptions.LocalKind ? $"local folder {Store.Path}" : $"azure container {Store.Container}")}"
        : $"cluster {string.Join(",", Gateways!)} ({ClusterId}/{ServiceId})";

    /// <summary>Connects (or starts the embedded silo); throws <see cref="UsageException"/> when that is impossible.</summary>
    public async Task<Connection> ConnectAsync(string device, CancellationToken cancellationToken)
    {
        if (!IsEmbedded)
        {
            var endpoints = Gateways!.Select(g =>
            {
                try { return ClusterClientFactory.ParseEndpoint(g); }
                catch (Exception e) when (e is ArgumentException or System.Net.Sockets.SocketException)
                {
                    throw new UsageException($"--cluster {g}: {e.Message}");
                }
            }).ToList();
            try
            {
                var connection = await ClusterClientFactory.ConnectAsync(endpoints, ClusterId, ServiceId, ConnectTimeout,
                    logging: l => l.SetMinimumLevel(LogLevel.None), cancellationToken: cancellationToken);
                return new Connection(connection.Client, null, connection);
            }
            catch (InvalidOperationException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (InvalidOperationException e)
            {
                throw new UsageException($"--cluster {string.Join(",", Gateways!)}: {e.Message}");
            }
        }

        try
        {
            Engine.TorchDevices.Select(device);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw new UsageException($"--device {device}: {e.Message}");
        }
        try
        {
            var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions
            {
                ResultStore = s =>
                {
                    s.Kind = Store!.Kind;
                    s.Path = Store.Path;
                    s.ConnectionString = Store.ConnectionString;
                    s.Container = Store.Container;
                },
                Node = n => n.Device = device,
                Logging = l => l.SetMinimumLevel(LogLevel.None),
            }, cancellationToken);
            return new Connection(cluster.Client, cluster.ResultStore, cluster);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new UsageException($"cannot start the embedded silo ({Describe()}): {e.GetBaseException().Message}");
        }
    }

    public sealed class Connection(IClusterClient client, IResultStore? store, IAsyncDisposable owner) : IAsyncDisposable
    {
        public IClusterClient Client { get; } = client;

        /// <summary>The embedded silo's store; null for a remote cluster.</summary>
        public IResultStore? Store { get; } = store;

        public ValueTask DisposeAsync() => owner.DisposeAsync();
    }
}
