using StyleTransfer.Storage;

namespace StyleTransfer.Storage.Tests;

public sealed class LocalFolderResultStoreTests : ResultStoreContract, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "styletransfer-store-" + Guid.NewGuid().ToString("N"));
    private readonly LocalFolderResultStore _store;

    public LocalFolderResultStoreTests() => _store = new LocalFolderResultStore(_root);

    protected override IResultStore Store => _store;

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Commit_leaves_only_the_content_and_its_sidecar()
    {
        await _store.CommitAsync("job/a.png", new byte[] { 1, 2 }, new Dictionary<string, string> { ["k"] = "v" });
        await _store.CommitAsync("job/a.png", new byte[] { 3 }, new Dictionary<string, string> { ["k"] = "w" });

        var files = Directory.GetFiles(_root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_root, f).Replace('\\', '/'))
            .Order()
            .ToArray();

        Assert.Equal(["job/a.png", "job/a.png.meta.json"], files);
    }

    [Fact]
    public async Task Location_is_the_file_path_under_the_root()
    {
        var result = await _store.CommitAsync("job/a.png", new byte[] { 1 }, new Dictionary<string, string>());

        Assert.Equal(Path.Combine(Path.GetFullPath(_root), "job", "a.png"), result.Location);
        Assert.True(File.Exists(result.Location));
    }

    [Fact]
    public async Task Leftovers_of_a_crashed_commit_are_not_a_result()
    {
        // A crash after the sidecar rename but before the content rename leaves these two files.
        Directory.CreateDirectory(Path.Combine(_root, "job"));
        await File.WriteAllTextAsync(Path.Combine(_root, "job", $".a.png.{Guid.NewGuid():N}.tmp"), "half written");
        await File.WriteAllTextAsync(Path.Combine(_root, "job", "a.png.meta.json"), """{ "metadata": { "k": "v" } }""");

        Assert.Null(await _store.GetAsync("job/a.png"));
        await Assert.ThrowsAsync<FileNotFoundException>(() => _store.ReadAsync("job/a.png"));

        await _store.CommitAsync("job/a.png", new byte[] { 7 }, new Dictionary<string, string> { ["k"] = "new" });
        var found = await _store.GetAsync("job/a.png");
        Assert.Equal("new", found!.Metadata["k"]);
    }

    [Fact]
    public async Task A_file_placed_without_sidecar_is_a_result_with_no_metadata()
    {
        await File.WriteAllBytesAsync(Path.Combine(_root, "manual.png"), new byte[] { 1, 2, 3 });

        var found = await _store.GetAsync("manual.png");

        Assert.NotNull(found);
        Assert.Equal(3, found.Length);
        Assert.Empty(found.Metadata);
    }

    [Fact]
    public void Constructor_creates_the_root_folder()
    {
        Assert.True(Directory.Exists(_root));
        Assert.Contains(Path.GetFullPath(_root), _store.Describe());
    }

    [Fact]
    public async Task List_skips_sidecars_and_leftover_temp_files()
    {
        await _store.CommitAsync("job/a.png", new byte[] { 1 }, new Dictionary<string, string> { ["k"] = "v" });
        await File.WriteAllTextAsync(Path.Combine(_root, "job", $".b.png.{Guid.NewGuid():N}.tmp"), "half written");

        Assert.Equal(["job/a.png"], await ToListAsync(_store.ListAsync()));
    }
}
