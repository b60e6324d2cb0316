namespace StyleTransfer.Storage;

/// <summary>
/// Input files in Azure Blob storage are named "azure://&lt;container&gt;/&lt;blob name&gt;" in job items (e.g. a
/// dataset read from a container prefix). Nodes read them through <see cref="IInputFiles"/>.
/// </summary>
public static class BlobInputNames
{
    public const string Scheme = "azure://";

    public static bool Is(string path) => path.StartsWith(Scheme, StringComparison.Ordinal);

    public static string For(string container, string blobName) => $"{Scheme}{container}/{blobName}";

    /// <exception cref="ArgumentException">not an azure:// name, or one without a container or a blob name.</exception>
    public static (string Container, string BlobName) Parse(string path)
    {
        var rest = Is(path) ? path[Scheme.Length..] : throw new ArgumentException($"'{path}' does not start with {Scheme}", nameof(path));
        int slash = rest.IndexOf('/');
        if (slash <= 0 || slash == rest.Length - 1)
            throw new ArgumentException($"'{path}' is not {Scheme}<container>/<blob name>", nameof(path));
        return (rest[..slash], rest[(slash + 1)..]);
    }
}
