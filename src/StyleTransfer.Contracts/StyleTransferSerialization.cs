using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace StyleTransfer.Contracts;

/// <summary>
/// Engine types (e.g. GatysOptions, SemanticGroup) carry no Orleans attributes; they travel as JSON through Orleans'
/// System.Text.Json codec. Silo and client must both call <see cref="AddStyleTransferSerializer"/> (done by
/// AddStyleTransfer / AddStyleTransferClient in StyleTransfer.Silo).
/// </summary>
public static class StyleTransferSerialization
{
    public static bool IsJsonType(Type type) =>
        type.Namespace?.StartsWith("StyleTransfer.Engine", StringComparison.Ordinal) == true
        && !typeof(Exception).IsAssignableFrom(type);

    public static IServiceCollection AddStyleTransferSerializer(this IServiceCollection services) =>
        services.AddSerializer(s => s.AddJsonSerializer(isSupported: IsJsonType));
}
