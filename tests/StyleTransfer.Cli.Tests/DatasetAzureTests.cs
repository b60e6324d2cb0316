using Azure.Storage.Blobs;
using StyleTransfer.Cli.Datasets;

namespace StyleTransfer.Cli.Tests;

/// <summary>
/// Dataset content and styles read from Azure Blob prefixes and outputs written to a container, against Azurite
/// (scripts/azurite.sh start; scripts/test.sh starts it) or the account in STYLETRANSFER_AZURE_CONNECTION.
/// </summary>
public sealed class DatasetAzureTests : IAsyncLifetime
{
    readonly string _connection = Environment.GetEnvironmentVariable("STYLETRANSFER_AZURE_CONNECTION") is { Length: > 0 } c ? c : "UseDevelopmentStorage=true";
    readonly string _suffix = Guid.NewGuid().ToString("N")[..12];
    BlobContainerClient _inputs = null!;
    BlobContainerClient _outputs = null!;

    public async Task InitializeAsync()
    {
        _inputs = new BlobContainerClient(_connection, "dataset-in-" + _suffix);
        _outputs = new BlobContainerClient(_connection, "dataset-out-" + _suffix);
        await _inputs.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync()
    {
        await _inputs.DeleteIfExistsAsync();
        await _outputs.DeleteIfExistsAsync();
    }

    async Task Upload(string name, string file) => await _inputs.GetBlobClient(name).UploadAsync(file, overwrite: true);

    [Fact]
    public async Task An_azure_prefix_is_listed_page_by_page_as_a_folder_tree()
    {
        using var dir = new TempFolder();
        for (int i = 0; i < 5; i++) await Upload($"data/cls/img-{i}.png", dir.Image($"img-{i}.png", 8, 8, seed: i));
        await Upload("data/cls/sub/deep.PNG", dir.Image("deep.png", 8, 8));
        await Upload("data/labels.csv", dir.File("labels.csv", "a,b\n"));
        await Upload("data/.hidden", dir.File("hidden.txt", "x"));
        await Upload("other/outside.png", dir.Image("outside.png", 8, 8));

        var folders = new DatasetSources(_connection) { PageSize = 2 }.Walk($"azure://{_inputs.Name}/data").ToList();

        Assert.Equal(["", "cls", "cls/sub"], folders.Select(f => f.RelativePath));
        Assert.Equal(["labels.csv"], folders[0].Files.Select(f => f.RelativePath));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"cls/img-{i}.png"), folders[1].Files.Select(f => f.RelativePath));
        Assert.All(folders[1].Files, f => Assert.True(f.IsImage));
        var deep = Assert.Single(folders[2].Files);
        Assert.Equal(($"azure://{_inputs.Name}/data/cls/sub/deep.PNG", true), (deep.FullPath, deep.IsImage));
    }

    [Fact]
    public async Task A_dataset_reads_content_and_styles_from_azure_prefixes_and_writes_outputs_copies_and_record_to_a_container()
    {
        using var dir = new TempFolder();
        await Upload("data/train/cat/one.png", dir.Image("one.png", 36, 36, seed: 1));
        await Upload("data/train/dog/two.jpg", dir.Image("two.jpg", 36, 36, seed: 2));
        await Upload("data/train/dog/two.json", dir.File("two.json", """{"label": "dog"}"""));
        await Upload("styles/stripes.png", dir.Image("stripes.png", 48, 48, seed: 3));
        await Upload("styles/broken.png", dir.File("broken.png", "not a png"));

        var run = await CliRun.RunAsync("dataset", "--content", $"azure://{_inputs.Name}/data", "--styles", $"azure://{_inputs.Name}/styles",
            "--out", "stylized", "--store", "azure", "--azure-connection", _connection, "--container", _outputs.Name,
            "--content-size", "32", "--crop", "center", "--iterations", "2", "--device", "cpu", "--work", dir["work"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("broken.png: ", run.Output);
        Assert.Contains("2 items, 2 succeeded, 0 failed, 0 skipped", run.Output);
        var names = new List<string>();
        await foreach (var blob in _outputs.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "stylized/", CancellationToken.None)) names.Add(blob.Name);
        Assert.Equal(["stylized/dataset-record.jsonl", "stylized/train/cat/one__stripes.png", "stylized/train/dog/two.json", "stylized/train/dog/two__stripes.png"],
            names.Order(StringComparer.Ordinal));
        var copy = await _outputs.GetBlobClient("stylized/train/dog/two.json").DownloadContentAsync();
        Assert.Equal("""{"label": "dog"}""", copy.Value.Content.ToString());
        var record = (await _outputs.GetBlobClient("stylized/dataset-record.jsonl").DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("\"content\":\"train/cat/one.png\",\"style\":\"stripes.png\"", record);
    }
}
