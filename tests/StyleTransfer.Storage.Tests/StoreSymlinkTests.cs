namespace StyleTransfer.Storage.Tests;

/// <summary>Issue 10, case 3: whatever links the result folder holds, no result, temp file or sidecar lands outside the store root.</summary>
public sealed class StoreSymlinkTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("styletransfer-links-").FullName;
    readonly Dictionary<string, string> _metadata = new() { ["params-hash"] = "abc" };

    string Root => Path.Combine(_dir, "root");
    string Outside => Path.Combine(_dir, "outside");

    public StoreSymlinkTests()
    {
        Directory.CreateDirectory(Path.Combine(Root, "job"));
        Directory.CreateDirectory(Outside);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("job/lnk/x.png")]
    [InlineData("job/lnk/deeper/x.png")]
    [InlineData("job/chain/x.png")]
    public async Task A_name_through_a_folder_link_leaving_the_root_is_refused_and_nothing_is_written_outside(string name)
    {
        Directory.CreateSymbolicLink(Path.Combine(Root, "job", "lnk"), Outside);
        Directory.CreateSymbolicLink(Path.Combine(Root, "job", "chain"), Path.Combine(Root, "job", "lnk")); // a link to the link
        var store = new LocalFolderResultStore(Root);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => store.CommitAsync(name, new byte[] { 1, 2, 3 }, _metadata));

        Assert.Contains("outside the store root", e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Outside, "*", SearchOption.AllDirectories));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync(name));
    }

    [Fact]
    public async Task A_file_link_leaving_the_root_is_neither_read_nor_replaced()
    {
        var secret = Path.Combine(Outside, "secret.png");
        File.WriteAllBytes(secret, [9, 9]);
        File.CreateSymbolicLink(Path.Combine(Root, "job", "x.png"), secret);
        var store = new LocalFolderResultStore(Root);

        await Assert.ThrowsAsync<ArgumentException>(() => store.ReadAsync("job/x.png"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.CommitAsync("job/x.png", new byte[] { 1 }, _metadata));
        Assert.Equal([9, 9], File.ReadAllBytes(secret));
        Assert.Single(Directory.GetFiles(Outside));
    }

    [Fact]
    public async Task Links_that_stay_inside_the_root_and_a_root_reached_through_a_link_work()
    {
        Directory.CreateDirectory(Path.Combine(Root, "real"));
        Directory.CreateSymbolicLink(Path.Combine(Root, "job", "inside"), Path.Combine(Root, "real"));
        var linkedRoot = Path.Combine(_dir, "root-link");
        Directory.CreateSymbolicLink(linkedRoot, Root);
        var store = new LocalFolderResultStore(linkedRoot);

        var stored = await store.CommitAsync("job/inside/x.png", new byte[] { 1 }, _metadata);

        Assert.True(File.Exists(Path.Combine(Root, "real", "x.png")));
        Assert.Equal([1], await store.ReadAsync("job/inside/x.png"));
        Assert.NotNull(await store.GetAsync("job/inside/x.png"));
        Assert.True(File.Exists(stored.Location));
    }

    [Fact]
    public async Task Dots_inside_a_name_are_not_traversal()
    {
        var store = new LocalFolderResultStore(Root);

        await store.CommitAsync("job/dots...png", new byte[] { 1 }, _metadata);

        Assert.True(File.Exists(Path.Combine(Root, "job", "dots...png")));
    }
}
