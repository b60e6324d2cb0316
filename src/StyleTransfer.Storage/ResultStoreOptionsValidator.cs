using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace StyleTransfer.Storage;

/// <summary>Checks <see cref="ResultStoreOptions"/>; each failure names the option that is missing or wrong.</summary>
public sealed partial class ResultStoreOptionsValidator : IValidateOptions<ResultStoreOptions>
{
    // Azure container names: 3-63 chars, lowercase letters, digits and single hyphens, starting and ending alphanumeric.
    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ContainerNamePattern();

    public ValidateOptionsResult Validate(string? name, ResultStoreOptions options)
    {
        var failures = new List<string>();
        switch (options.Kind?.Trim().ToLowerInvariant())
        {
            case ResultStoreOptions.LocalKind:
                if (string.IsNullOrWhiteSpace(options.Path))
                    failures.Add("ResultStoreOptions.Path is required when Kind is 'local' (the folder results are written to).");
                break;
            case ResultStoreOptions.AzureKind:
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                    failures.Add("ResultStoreOptions.ConnectionString is required when Kind is 'azure' (use 'UseDevelopmentStorage=true' for Azurite).");
                if (string.IsNullOrWhiteSpace(options.Container))
                    failures.Add("ResultStoreOptions.Container is required when Kind is 'azure'.");
                else if (!ContainerNamePattern().IsMatch(options.Container))
                    failures.Add($"ResultStoreOptions.Container '{options.Container}' is not a valid container name: 3-63 lowercase letters, digits and single hyphens.");
                break;
            default:
                failures.Add($"ResultStoreOptions.Kind '{options.Kind}' is not supported: use '{ResultStoreOptions.LocalKind}' or '{ResultStoreOptions.AzureKind}'.");
                break;
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
