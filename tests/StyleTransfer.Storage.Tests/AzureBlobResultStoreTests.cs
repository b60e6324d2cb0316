using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using StyleTransfer.Storage;

namespace StyleTransfer.Storage.Tests;

public sealed class AzureBlobResultStoreTests(AzuriteFixture azurite) : ResultStoreContract, IClassFixture<AzuriteFixture>
{
    protected override IResultStore Store => azurite.Store;

    [Fact]
    public async Task Location_is_the_blob_uri_and_content_type_follows_the_extension()
    {
        var name = $"{Prefix}/job/a.png";
        var result = await azurite.Store.CommitAsync(name, new byte[] { 1, 2 }, new Dictionary<string, string>());

        var blob = azurite.Store.Container.GetBlobClient(name);
        Assert.Equal(blob.Uri.ToString(), result.Location);
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal("image/png", properties.ContentType);
    }

    [Fact]
    public async Task Metadata_keys_are_stored_as_identifiers_and_mapped_back()
    {
        var name = $"{Prefix}/keys.png";
        await azurite.Store.CommitAsync(name, new byte[] { 1 }, new Dictionary<string, string> { ["params-hash"] = "abc" });

        var raw = (await azurite.Store.Container.GetBlobClient(name).GetPropertiesAsync()).Value.Metadata;
        Assert.Equal("abc", raw["params_hash"]);
        Assert.Equal("abc", (await azurite.Store.GetAsync(name))!.Metadata["params-hash"]);
    }

    [Fact]
    public async Task Commit_creates_a_missing_container()
    {
        var containerName = azurite.ContainerName[..^8] + "new12345";
        var store = new AzureBlobResultStore(azurite.ConnectionString, containerName);
        try
        {
            Assert.Null(await store.GetAsync("a.png"));
            await store.CommitAsync("a.png", new byte[] { 5 }, new Dictionary<string, string>());
            Assert.Equal(new byte[] { 5 }, await store.ReadAsync("a.png"));
        }
        finally
        {
            await new BlobContainerClient(azurite.ConnectionString, containerName).DeleteIfExistsAsync();
        }
    }

    [Fact]
    public async Task Content_staged_as_blocks_is_committed_whole_with_its_metadata()
    {
        var content = new byte[300 * 1024];
        Random.Shared.NextBytes(content);
        var smallBlocks = new StorageTransferOptions { InitialTransferSize = 64 * 1024, MaximumTransferSize = 64 * 1024 };
        var store = new AzureBlobResultStore(
            new BlobContainerClient(azurite.ConnectionString, azurite.ContainerName, AzureBlobResultStore.CreateClientOptions()),
            smallBlocks);
        var name = $"{Prefix}/big.bin";

        await store.CommitAsync(name, content, new Dictionary<string, string> { ["size"] = "big" });

        var blocks = (await store.Container.GetBlockBlobClient(name).GetBlockListAsync(BlockListTypes.Committed)).Value;
        Assert.True(blocks.CommittedBlocks.Count() > 1, "expected a staged multi-block upload");
        Assert.Equal(content, await store.ReadAsync(name));
        Assert.Equal("big", (await store.GetAsync(name))!.Metadata["size"]);
    }
}
