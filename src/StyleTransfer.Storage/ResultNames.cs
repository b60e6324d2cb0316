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
    public static string[] Validate(string name, string paramName = "name") =>
        Problem(name) is string problem ? throw new ArgumentException(problem, paramName) : name.Split('/');

    /// <summary>What is wrong with the name, in one sentence, or null when it is a valid result name.</summary>
    public static string? Problem(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return "Result name is empty.";
        if (name.Contains('\\'))
            return $"Result name '{name}' contains '\\'; use '/' to separate folders.";
        if (name.StartsWith('/') || Path.IsPathRooted(name))
            return $"Result name '{name}' is absolute; names must be relative to the store root.";
        if (name.Any(char.IsControl))
            return $"Result name '{name}' contains a control character.";

        foreach (var segment in name.Split('/'))
        {
            if (segment is "..")
                return $"Result name '{name}' contains '..' and would escape the store root.";
            if (segment.Length == 0 || segment is ".")
                return $"Result name '{name}' has an empty or '.' segment.";
            if (segment.StartsWith('.'))
                return $"Result name '{name}' has a segment starting with '.', which is reserved for temporary files.";
        }
        if (name.EndsWith(MetadataSuffix, StringComparison.OrdinalIgnoreCase))
            return $"Result name '{name}' ends with '{MetadataSuffix}', which is reserved for metadata sidecars.";
        return null;
    }
}
