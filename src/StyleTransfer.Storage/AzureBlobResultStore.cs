using Azure;
using Azure.Core;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace StyleTransfer.Storage;

/// <summary>
/// Results as block blobs in one container (created on first commit if missing). A commit is one
/// Upload call carrying content, content type and metadata: the SDK sends a single Put Blob, or for large
/// content staged blocks and one Put Block List, so readers see the old blob or the new one, never a mix.
/// </summary>
public sealed class AzureBlobResultStore : IResultStore
{
    private readonly BlobContainerClient _container;
    private readonly StorageTransferOptions _transferOptions;
    private volatile bool _containerExists;

    /// <param name="container">The container results go to; its client options carry the retry policy.</param>
    /// <param name="transferOptions">When content is staged as blocks instead of one Put Blob; SDK defaults when null.</param>
    public AzureBlobResultStore(BlobContainerClient container, StorageTransferOptions? transferOptions = null)
    {
        _container = container ?? throw new ArgumentNullException(nameof(container));
        _transferOptions = transferOptions ?? default;
    }

    public AzureBlobResultStore(string connectionString, string containerName)
        : this(new BlobContainerClient(connectionString, containerName, CreateClientOptions()))
    {
    }

    /// <summary>Client options used by the connection-string constructor: exponential retries with a bounded total wait.</summary>
    public static BlobClientOptions CreateClientOptions()
    {
        var options = new BlobClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 5;
        options.Retry.Delay = TimeSpan.FromSeconds(0.5);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(10);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        return options;
    }

    public BlobContainerClient Container => _container;

    public string Describe() => $"Azure blob container {_container.Uri}";

    public async Task<StoredResult?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var blob = BlobOf(name);
        try
        {
            BlobProperties properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return new StoredResult(name, blob.Uri.ToString(), properties.ContentLength, BlobMetadataCodec.Decode(properties.Metadata));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<StoredResult> CommitAsync(string name, ReadOnlyMemory<byte> content,
        IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default)
    {
        var blob = BlobOf(name);
        var checkedMetadata = ResultMetadata.Validate(metadata);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);

        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = ContentTypes.ForName(name) },
            Metadata = BlobMetadataCodec.Encode(checkedMetadata),
            TransferOptions = _transferOptions,
        };
        await blob.UploadAsync(new BinaryData(content), options, cancellationToken).ConfigureAwait(false);
        return new StoredResult(name, blob.Uri.ToString(), content.Length, checkedMetadata);
    }

    public async Task<byte[]> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        var blob = BlobOf(name);
        try
        {
            BlobDownloadResult result = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return result.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new FileNotFoundException($"No result named '{name}' in {Describe()}.", blob.Uri.ToString(), e);
        }
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        // Not cached on failure, so a transient error at the first commit does not stick.
        if (_containerExists)
            return;
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        _containerExists = true;
    }

    private BlobClient BlobOf(string name)
    {
        ResultNames.Validate(name);
        return _container.GetBlobClient(name);
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix = "",
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        int slash = prefix.LastIndexOf('/');
        if (slash >= 0)
            ResultNames.Validate(prefix[..slash], nameof(prefix));
        var blobs = _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix.Length == 0 ? null : prefix, cancellationToken);
        await using var pages = blobs.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await pages.MoveNextAsync().ConfigureAwait(false))
                    yield break;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                yield break; // no container yet: nothing committed
            }
            yield return pages.Current.Name;
        }
    }
}
