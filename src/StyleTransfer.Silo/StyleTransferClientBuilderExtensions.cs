using Orleans.Hosting;
using StyleTransfer.Contracts;

namespace StyleTransfer.Silo;

public static class StyleTransferClientBuilderExtensions
{
    /// <summary>What an external client needs to talk to a StyleTransfer cluster: the JSON codec for engine types.</summary>
    public static IClientBuilder AddStyleTransferClient(this IClientBuilder builder)
    {
        builder.Services.AddStyleTransferSerializer();
        return builder;
    }
}
