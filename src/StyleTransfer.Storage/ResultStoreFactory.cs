using Microsoft.Extensions.Options;

namespace StyleTransfer.Storage;

/// <summary>Builds the <see cref="IResultStore"/> that options describe; for callers without dependency injection.</summary>
public static class ResultStoreFactory
{
    /// <exception cref="OptionsValidationException">The options are incomplete; the message names each missing option.</exception>
    public static IResultStore Create(ResultStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new ResultStoreOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
            throw new OptionsValidationException(Options.DefaultName, typeof(ResultStoreOptions), validation.Failures);

        return options.Kind.Trim().ToLowerInvariant() switch
        {
            ResultStoreOptions.AzureKind => new AzureBlobResultStore(options.ConnectionString!, options.Container!),
            _ => new LocalFolderResultStore(options.Path!),
        };
    }
}
