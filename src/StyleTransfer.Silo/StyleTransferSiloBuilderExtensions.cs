using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using StyleTransfer.Contracts;
using StyleTransfer.Engine;
using StyleTransfer.Grains;
using StyleTransfer.Storage;

namespace StyleTransfer.Silo;

/// <summary>The one silo setup shared by the silo host, the CLI's embedded mode and the tests.</summary>
public static class StyleTransferSiloBuilderExtensions
{
    public const string ResultStoreSection = "ResultStore";

    /// <summary>
    /// Registers the grains' services: JSON serialization of engine types, one <see cref="StylizationEngine"/> per
    /// silo (on the node's device; it caches backbones), the result store (section "ResultStore") and the node
    /// options (section "GpuNode") and job options (section "Jobs") from the silo's configuration, then the code
    /// overrides, and the placement of node grains on their own silo. Clustering and the "jobs" grain storage are
    /// the host's (see <see cref="ClusterHostingExtensions"/>).
    /// </summary>
    public static ISiloBuilder AddStyleTransfer(this ISiloBuilder builder,
        Action<ResultStoreOptions>? configureStore = null, Action<GpuNodeOptions>? configureNode = null)
    {
        var services = builder.Services;
        services.AddResultStore(builder.Configuration.GetSection(ResultStoreSection));
        if (configureStore is not null) services.Configure(configureStore);
        services.AddOptions<GpuNodeOptions>().Bind(builder.Configuration.GetSection(GpuNodeOptions.SectionName));
        if (configureNode is not null) services.Configure(configureNode);
        services.AddOptions<JobOptions>().Bind(builder.Configuration.GetSection(JobOptions.SectionName));
        services.TryAddSingleton<IStylizationEngine>(provider =>
        {
            var node = provider.GetRequiredService<IOptions<GpuNodeOptions>>().Value;
            return new StylizationEngine(node.Device, cpuThreads: node.TorchThreads);
        });
        services.TryAddSingleton(_ => new Engine.Methods.FeedForward.ModelTrainer());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, NodeDeviceCheck>();
        builder.AddPlacementDirector<NodeLocalPlacement, NodeLocalPlacementDirector>();
        return builder;
    }
}
