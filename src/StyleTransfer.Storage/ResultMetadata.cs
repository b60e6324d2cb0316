using System.Text.RegularExpressions;

namespace StyleTransfer.Storage;

/// <summary>
/// Rules for metadata keys, shared by every store: a letter, then letters, digits and '-' (e.g. "params-hash"),
/// unique ignoring case. Azure metadata keys must be C# identifiers and are case-insensitive, so a narrower
/// rule here keeps a commit that works locally working on Azure too.
/// </summary>
public static partial class ResultMetadata
{
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]*$")]
    private static partial Regex KeyPattern();

    /// <summary>A case-insensitive copy of <paramref name="metadata"/>, or an <see cref="ArgumentException"/> naming the bad key.</summary>
    public static Dictionary<string, string> Validate(IReadOnlyDictionary<string, string> metadata, string paramName = "metadata")
    {
        ArgumentNullException.ThrowIfNull(metadata, paramName);
        var copy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in metadata)
        {
            if (key is null || !KeyPattern().IsMatch(key))
                throw new ArgumentException(
                    $"Metadata key '{key}' is invalid: it must start with a letter and hold only letters, digits and '-' (e.g. 'params-hash').",
                    paramName);
            if (value is null)
                throw new ArgumentException($"Metadata value for key '{key}' is null.", paramName);
            if (!copy.TryAdd(key, value))
                throw new ArgumentException($"Metadata key '{key}' appears twice (keys are compared ignoring case).", paramName);
        }
        return copy;
    }
}
