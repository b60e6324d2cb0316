using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using StyleTransfer.Cli.Inputs;
using StyleTransfer.Storage;

namespace StyleTransfer.Cli.Datasets;

/// <summary>
/// The roots a dataset reads: local folders, or Azure Blob prefixes named "azure://&lt;container&gt;/&lt;prefix&gt;"
/// (listed lazily, one folder level and one page at a time with continuation tokens, never all at once). Files are
/// named by their full path or their azure:// name; <see cref="LocalPath"/> gives a local copy for checks and copies.
/// </summary>
public sealed class DatasetSources(string? azureConnection)
{
    /// <summary>Blobs per listing page (the service caps it at 5000).</summary>
    public int PageSize { get; init; } = 1000;

    readonly InputFiles _files = new(azureConnection, Path.Combine(Path.GetTempPath(), "styletransfer-dataset-inputs"));

    public static bool IsAzure(string root) => BlobInputNames.Is(root);

    /// <summary>A root as given: a full local path, or an azure:// prefix without a trailing '/'.</summary>
    public static string Normalize(string root) => IsAzure(root) ? root.TrimEnd('/') : Path.GetFullPath(root);

    public static string Join(string root, string relative) => IsAzure(root) ? $"{root.TrimEnd('/')}/{relative}" : Path.GetFullPath(Path.Combine(root, relative));

    /// <summary>Whether the root exists (for a blob prefix: whether its container does).</summary>
    public bool Exists(string root) => IsAzure(root) ? Container(root).Container.Exists().Value : Directory.Exists(root);

    public IEnumerable<ContentFolder> Walk(string root) => IsAzure(root) ? WalkBlobs(root) : ContentTree.Walk(root);

    public string LocalPath(string file) => _files.LocalPathAsync(file).GetAwaiter().GetResult();

    (BlobContainerClient Container, string Prefix) Container(string root)
    {
        if (azureConnection is null)
            throw new UsageException($"{root}: reading Azure Blob storage needs --azure-connection (or ${Options.ClusterOptions.AzureConnectionEnvironmentVariable})");
        var (container, prefix) = root.TrimEnd('/').Count(c => c == '/') == 2 ? (root[BlobInputNames.Scheme.Length..].TrimEnd('/'), "") : BlobInputNames.Parse(root.TrimEnd('/'));
        return (new BlobContainerClient(azureConnection, container, AzureBlobResultStore.CreateClientOptions()), prefix.Length == 0 ? "" : prefix + "/");
    }

    IEnumerable<ContentFolder> WalkBlobs(string root)
    {
        var (container, prefix) = Container(root);
        var pending = new Stack<string>();
        pending.Push(prefix);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            var files = new List<ContentFile>();
            var subfolders = new List<string>();
            string? continuation = null;
            do
            {
                var page = container.GetBlobsByHierarchy(BlobTraits.None, BlobStates.None, "/", folder).AsPages(continuation, PageSize).First();
                foreach (var entry in page.Values)
                {
                    var name = entry.IsPrefix ? entry.Prefix.TrimEnd('/') : entry.Blob.Name;
                    if (name[(name.LastIndexOf('/') + 1)..].StartsWith('.')) continue;
                    if (entry.IsPrefix) subfolders.Add(entry.Prefix);
                    else files.Add(new ContentFile(BlobInputNames.For(container.Name, name), name[prefix.Length..], ImageFiles.HasImageExtension(name)));
                }
                continuation = page.ContinuationToken;
            } while (!string.IsNullOrEmpty(continuation));
            yield return new ContentFolder(folder[prefix.Length..].TrimEnd('/'), files.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToList());
            foreach (var sub in subfolders.OrderByDescending(s => s, StringComparer.Ordinal)) pending.Push(sub);
        }
    }
}
