using Azure.Storage.Blobs;
using StyleTransfer.Storage;

namespace StyleTransfer.Storage.Tests;

/// <summary>
/// One fresh container on Azurite (or the account in STYLETRANSFER_AZURE_CONNECTION) per test run, deleted afterwards.
/// Fails, rather than skips, when the emulator is not reachable: CI starts it, so a missing one is a real problem.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string ConnectionEnvironmentVariable = "STYLETRANSFER_AZURE_CONNECTION";

    public string ConnectionString { get; } =
        Environment.GetEnvironmentVariable(ConnectionEnvironmentVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : "UseDevelopmentStorage=true";

    public string ContainerName { get; } = "styletransfer-tests-" + Guid.NewGuid().ToString("N");

    public AzureBlobResultStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Probe with retries off and a short timeout, so a missing emulator fails in seconds, not after the store's retries.
        var probeOptions = AzureBlobResultStore.CreateClientOptions();
        probeOptions.Retry.MaxRetries = 0;
        probeOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        var probe = new BlobContainerClient(ConnectionString, ContainerName, probeOptions);
        try
        {
            await probe.CreateIfNotExistsAsync();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"Azure Blob storage is not reachable at {probe.Uri} ({e.GetType().Name}: {FirstLine(e.Message)}). " +
                $"Start Azurite with `scripts/azurite.sh start` (install once with `scripts/azurite.sh install`), " +
                $"or point {ConnectionEnvironmentVariable} at a reachable storage account.", e);
        }
        Store = new AzureBlobResultStore(ConnectionString, ContainerName);
    }

    public async Task DisposeAsync()
    {
        if (Store is not null)
            await Store.Container.DeleteIfExistsAsync();
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
