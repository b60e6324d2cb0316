using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StyleTransfer.Grains;
using StyleTransfer.Storage;

namespace StyleTransfer.Silo;

public sealed class EmbeddedClusterOptions
{
    /// <summary>Silo-to-silo port; 0 = a free port.</summary>
    public int SiloPort { get; set; }

    /// <summary>Client gateway port; 0 = a free port.</summary>
    public int GatewayPort { get; set; }

    /// <summary>Where results go; defaults to a local folder "out" under the current directory.</summary>
    public Action<ResultStoreOptions>? ResultStore { get; set; }

    public Action<GpuNodeOptions>? Node { get; set; }

    /// <summary>Services registered before the StyleTransfer ones (which are added only where missing), e.g. a store of your own.</summary>
    public Action<IServiceCollection>? Services { get; set; }

    /// <summary>Logging of the embedded silo; none by default (the host has no providers).</summary>
    public Action<ILoggingBuilder>? Logging { get; set; }
}
