using System.Text;

namespace StyleTransfer.Cli.Inputs;

/// <summary>
/// Deterministic output names: <c>&lt;contentStem&gt;__&lt;styleStem&gt;.png</c>, or with blended styles
/// <c>&lt;contentStem&gt;__&lt;style1&gt;+&lt;style2&gt;.png</c>. Stems are made unique (case-insensitively, so names
/// also work on Windows and blob stores) first by appending the extension (<c>photo_jpg</c>, <c>photo_png</c>), then
/// by numbering in input order (<c>photo-2</c>), which is itself deterministic (sorted folder listing or list order).
/// </summary>
public static class OutputNames
{
    public const string Separator = "__";

    public static string For(string contentStem, string styleStem) => $"{contentStem}{Separator}{styleStem}.png";

    public static string ForBlend(string contentStem, IEnumerable<string> styleStems) =>
        $"{contentStem}{Separator}{string.Join('+', styleStems)}.png";

    /// <summary>One unique stem per path, in the same order.</summary>
    public static IReadOnlyList<string> UniqueStems(IReadOnlyList<string> paths)
    {
        var stems = paths.Select(p => Sanitize(Path.GetFileNameWithoutExtension(p))).ToArray();
        var collides = stems.GroupBy(s => s, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var candidates = stems.Select((s, i) =>
        {
            if (!collides.Contains(s)) return s;
            var ext = Path.GetExtension(paths[i]).TrimStart('.').ToLowerInvariant();
            return ext.Length == 0 ? s : $"{s}_{Sanitize(ext)}";
        }).ToArray();

        // Reserve every candidate first so a numbered name never takes a name another input has outright.
        var taken = new HashSet<string>(candidates, StringComparer.OrdinalIgnoreCase);
        var assigned = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new string[candidates.Length];
        for (int i = 0; i < candidates.Length; i++)
        {
            var name = candidates[i];
            if (!assigned.Add(name))
            {
                int n = 2;
                while (taken.Contains($"{candidates[i]}-{n}") || assigned.Contains($"{candidates[i]}-{n}")) n++;
                name = $"{candidates[i]}-{n}";
                assigned.Add(name);
            }
            result[i] = name;
        }
        return result;
    }

    /// <summary>
    /// A stem usable as a result name segment everywhere: no path separators, control or reserved characters, no
    /// leading '.' (reserved for temp files), no "__" or '+' (they separate content and styles in output names).
    /// </summary>
    public static string Sanitize(string stem)
    {
        var builder = new StringBuilder(stem.Length);
        foreach (var c in stem)
            builder.Append(char.IsControl(c) || c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' or '+' ? '_' : c);
        var s = builder.ToString();
        while (s.Contains(Separator)) s = s.Replace(Separator, "_");
        s = s.TrimStart('.').Trim();
        return s.Length == 0 ? "image" : s;
    }
}
