using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace StyleTransfer.Storage;

public static class ResultStoreServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IResultStore"/> (and <see cref="IInputFiles"/>, with the store's Azure account when it has one) as a singleton configured by <paramref name="configure"/>.</summary>
    public static IServiceCollection AddResultStore(this IServiceCollection services, Action<ResultStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        return services.AddResultStoreCore();
    }

    /// <summary>Registers <see cref="IResultStore"/> as a singleton bound to a configuration section (keys Kind, Path, ConnectionString, Container).</summary>
    public static IServiceCollection AddResultStore(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.Configure<ResultStoreOptions>(section);
        return services.AddResultStoreCore();
    }

    private static IServiceCollection AddResultStoreCore(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ResultStoreOptions>, ResultStoreOptionsValidator>());
        services.TryAddSingleton<IResultStore>(provider =>
            ResultStoreFactory.Create(provider.GetRequiredService<IOptions<ResultStoreOptions>>().Value));
        services.TryAddSingleton<IInputFiles>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ResultStoreOptions>>().Value;
            return new InputFiles(options.Kind == ResultStoreOptions.AzureKind ? options.ConnectionString : null, InputFiles.DefaultCacheFolder);
        });
        return services;
    }
}
