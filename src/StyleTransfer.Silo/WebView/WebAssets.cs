using System.Reflection;

namespace StyleTransfer.Silo.WebView;

/// <summary>The web view's pages, script and style sheet, embedded in this assembly (WebView/Assets, see the csproj).</summary>
public static class WebAssets
{
    const string ResourcePrefix = "StyleTransfer.WebView/";

    static readonly Lazy<IReadOnlyDictionary<string, byte[]>> Files = new(() =>
    {
        var assembly = typeof(WebAssets).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToDictionary(n => n[ResourcePrefix.Length..], n => Read(assembly, n));
    });

    /// <summary>The bytes of an asset (e.g. "job.html"), or null.</summary>
    public static byte[]? Get(string file) => Files.Value.GetValueOrDefault(file);

    public static string ContentTypeOf(string file) => Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
