using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace StyleTransfer.Storage;

/// <summary>
/// <see cref="IInputFiles"/> with the node's Azure account (its result store's connection string, when the store is
/// Azure). A blob is cached as "&lt;cache&gt;/&lt;container&gt;/&lt;blob name&gt;" with the blob's length and
/// modification time, and downloaded again when they differ; downloads land in a temp file renamed into place, so
/// concurrent items never read a partial file.
/// </summary>
public sealed class InputFiles(string? connectionString, string cacheFolder) : IInputFiles
{
    readonly BlobServiceClient? _service = string.IsNullOrWhiteSpace(connectionString)
        ? null : new BlobServiceClient(connectionString, AzureBlobResultStore.CreateClientOptions());

    public static string DefaultCacheFolder => Path.Combine(Path.GetTempPath(), "styletransfer-inputs");

    public async Task<string> LocalPathAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!BlobInputNames.Is(path)) return path;
        var (container, name) = BlobInputNames.Parse(path);
        if (_service is null)
            throw new InvalidOperationException($"input {path}: this node has no Azure connection (its result store is not Azure)");
        if (ResultNames.Problem(name) is string problem) throw new ArgumentException($"input {path}: {problem}");
        var blob = _service.GetBlobContainerClient(container).GetBlobClient(name);
        var local = Path.Combine(cacheFolder, container, name);
        BlobProperties properties;
        try
        {
            properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new FileNotFoundException($"input {path}: no such blob", path, e);
        }
        var cached = new FileInfo(local);
        if (cached.Exists && cached.Length == properties.ContentLength && cached.LastWriteTimeUtc == properties.LastModified.UtcDateTime)
            return local;
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        var temp = Path.Combine(Path.GetDirectoryName(local)!, $".{Path.GetFileName(local)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await blob.DownloadToAsync(temp, cancellationToken).ConfigureAwait(false);
            File.SetLastWriteTimeUtc(temp, properties.LastModified.UtcDateTime);
            File.Move(temp, local, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return local;
    }
}
