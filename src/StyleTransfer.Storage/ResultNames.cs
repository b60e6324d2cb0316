namespace StyleTransfer.Storage;

/// <summary>
/// Rules for result names, shared by every store so a name valid for one is valid for all:
/// relative, '/'-separated, no '.', '..' or empty segments, no segment starting with '.'
/// (reserved for in-flight temp files) and no ".meta.json" ending (reserved for sidecars).
/// </summary>
public static class ResultNames
{
    public const string MetadataSuffix = ".meta.json";

    /// <summary>Returns the name's segments, or throws <see cref="ArgumentException"/> saying what is wrong with it.</summary>
    public static string[] Validate(string name, string paramName = "name")
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("Result name is empty.", paramName);
        if (name.Contains('\\'))
            throw new ArgumentException($"Result name '{name}' contains '\\'; use '/' to separate folders.", paramName);
        if (name.StartsWith('/') || Path.IsPathRooted(name))
            throw new ArgumentException($"Result name '{name}' is absolute; names must be relative to the store root.", paramName);
        if (name.Any(char.IsControl))
            throw new ArgumentException($"Result name '{name}' contains a control character.", paramName);

        var segments = name.Split('/');
        foreach (var segment in segments)
        {
            if (segment is "..")
                throw new ArgumentException($"Result name '{name}' contains '..' and would escape the store root.", paramName);
            if (segment.Length == 0 || segment is ".")
                throw new ArgumentException($"Result name '{name}' has an empty or '.' segment.", paramName);
            if (segment.StartsWith('.'))
                throw new ArgumentException($"Result name '{name}' has a segment starting with '.', which is reserved for temporary files.", paramName);
        }
        if (name.EndsWith(MetadataSuffix, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"Result name '{name}' ends with '{MetadataSuffix}', which is reserved for metadata sidecars.", paramName);
        return segments;
    }
}
