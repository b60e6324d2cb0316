using StyleTransfer.Storage;

namespace StyleTransfer.Silo.WebView;

/// <summary>
/// The public part of study packages in the result store (layout: StyleTransfer.Studies' StudyLayout): a study under
/// prefix P has its published files under "P/public/…" with "P/public/index.html", and its key under "P/key/…",
/// which is never served.
/// </summary>
public static class StudyFiles
{
    public const string PublicSegment = "public";
    public const string KeySegment = "key";
    public const string IndexFile = "index.html";

    /// <summary>
    /// The study prefix of a store name that may be served: a valid result name whose last "public" segment has a
    /// file under it and no "key" segment after it. Null (with the reason) for anything else.
    /// </summary>
    public static string? PublicPrefixOf(string name, out string reason)
    {
        if (ResultNames.Problem(name) is string problem)
        {
            reason = problem;
            return null;
        }
        var segments = name.Split('/');
        int i = Array.LastIndexOf(segments, PublicSegment);
        if (i < 0 || i == segments.Length - 1)
        {
            reason = $"'{name}' is not a file under a study's {PublicSegment}/ folder";
            return null;
        }
        if (segments.Skip(i + 1).Contains(KeySegment, StringComparer.OrdinalIgnoreCase))
        {
            reason = $"'{name}' names a {KeySegment}/ folder";
            return null;
        }
        reason = "";
        return string.Join('/', segments.Take(i));
    }

    /// <summary>The name of a study's index page: "P/public/index.html" ("public/index.html" for a study at the root).</summary>
    public static string IndexOf(string prefix) => prefix.Length == 0 ? $"{PublicSegment}/{IndexFile}" : $"{prefix}/{PublicSegment}/{IndexFile}";

    /// <summary>The prefixes of the studies in the store: names ending in "public/index.html".</summary>
    public static async Task<List<string>> ListAsync(IResultStore store, CancellationToken cancellationToken)
    {
        const string suffix = "/" + PublicSegment + "/" + IndexFile;
        var prefixes = new List<string>();
        await foreach (var name in store.ListAsync("", cancellationToken))
        {
            if (name == IndexOf("")) prefixes.Add("");
            else if (name.EndsWith(suffix, StringComparison.Ordinal)) prefixes.Add(name[..^suffix.Length]);
        }
        prefixes.Sort(StringComparer.Ordinal);
        return prefixes;
    }

    /// <summary>The content type a study file is served with; only the types a study package holds, else octet-stream.</summary>
    public static string ContentTypeOf(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".html" or ".htm" => "text/html; charset=utf-8",
        ".csv" => "text/csv; charset=utf-8",
        ".json" => "application/json",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".txt" => "text/plain; charset=utf-8",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".webp" => "image/webp",
        _ => "application/octet-stream",
    };
}
