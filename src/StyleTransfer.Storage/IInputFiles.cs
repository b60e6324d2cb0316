namespace StyleTransfer.Storage;

/// <summary>
/// Where a node reads an item's input files: local paths as they are, and blobs (<see cref="BlobInputNames"/>)
/// from a node-local cache, downloaded on first use and again when the blob changes.
/// </summary>
public interface IInputFiles
{
    /// <exception cref="FileNotFoundException">a blob that does not exist.</exception>
    /// <exception cref="InvalidOperationException">a blob, on a node without an Azure connection.</exception>
    Task<string> LocalPathAsync(string path, CancellationToken cancellationToken = default);
}
