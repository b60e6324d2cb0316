using System.Text;
using StyleTransfer.Storage;

namespace StyleTransfer.Storage.Tests;

/// <summary>Behaviour every <see cref="IResultStore"/> must have; each store's test class runs it against a real store.</summary>
public abstract class ResultStoreContract
{
    protected abstract IResultStore Store { get; }

    /// <summary>A prefix unique to this test, so tests sharing a store (one Azurite container) never see each other's results.</summary>
    protected string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..12];

    private static readonly Dictionary<string, string> SampleMetadata = new()
    {
        ["params-hash"] = "3f2a9c",
        ["method"] = "gatys",
        ["source-name"] = "café photo 100%.png",
        ["note"] = " leading and trailing spaces ",
    };

    [Fact]
    public async Task Commit_then_get_and_read_round_trips_content_and_metadata()
    {
        var name = $"{Prefix}/photo__starry.png";
        var content = Encoding.UTF8.GetBytes("not really a png, but bytes are bytes");

        var committed = await Store.CommitAsync(name, content, SampleMetadata);
        var found = await Store.GetAsync(name);
        var read = await Store.ReadAsync(name);

        Assert.Equal(name, committed.Name);
        Assert.Equal(content.Length, committed.Length);
        Assert.NotNull(found);
        Assert.Equal(name, found.Name);
        Assert.Equal(committed.Location, found.Location);
        Assert.Equal(content.Length, found.Length);
        Assert.Equal(SampleMetadata.OrderBy(p => p.Key), found.Metadata.OrderBy(p => p.Key));
        Assert.Equal(content, read);
    }

    [Fact]
    public async Task Commit_with_no_metadata_reads_back_empty_metadata()
    {
        var name = $"{Prefix}/bare.bin";
        await Store.CommitAsync(name, new byte[] { 1, 2, 3 }, new Dictionary<string, string>());

        var found = await Store.GetAsync(name);

        Assert.NotNull(found);
        Assert.Empty(found.Metadata);
        Assert.Equal(3, found.Length);
    }

    [Fact]
    public async Task Second_commit_replaces_content_and_metadata()
    {
        var name = $"{Prefix}/out.png";
        await Store.CommitAsync(name, new byte[] { 1, 2, 3, 4, 5 }, new Dictionary<string, string> { ["params-hash"] = "old", ["stale"] = "x" });
        await Store.CommitAsync(name, new byte[] { 9, 9 }, new Dictionary<string, string> { ["params-hash"] = "new" });

        var found = await Store.GetAsync(name);

        Assert.NotNull(found);
        Assert.Equal(2, found.Length);
        Assert.Equal(new byte[] { 9, 9 }, await Store.ReadAsync(name));
        Assert.Equal("new", found.Metadata["params-hash"]);
        Assert.False(found.Metadata.ContainsKey("stale"));
    }

    [Fact]
    public async Task Get_of_missing_name_returns_null()
    {
        Assert.Null(await Store.GetAsync($"{Prefix}/never-written.png"));
    }

    [Fact]
    public async Task Read_of_missing_name_throws_FileNotFound_naming_it()
    {
        var name = $"{Prefix}/never-written.png";
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => Store.ReadAsync(name));
        Assert.Contains(name, error.Message);
    }

    [Fact]
    public async Task Nested_names_are_kept_apart()
    {
        var a = $"{Prefix}/job-1/deep/er/a.png";
        var b = $"{Prefix}/job-2/a.png";
        await Store.CommitAsync(a, new byte[] { 1 }, new Dictionary<string, string> { ["job"] = "1" });
        await Store.CommitAsync(b, new byte[] { 2, 2 }, new Dictionary<string, string> { ["job"] = "2" });

        Assert.Equal(new byte[] { 1 }, await Store.ReadAsync(a));
        Assert.Equal(new byte[] { 2, 2 }, await Store.ReadAsync(b));
        Assert.Equal("1", (await Store.GetAsync(a))!.Metadata["job"]);
        Assert.Equal("2", (await Store.GetAsync(b))!.Metadata["job"]);
        Assert.Null(await Store.GetAsync($"{Prefix}/job-1/a.png"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("../escape.png", "..")]
    [InlineData("a/../../escape.png", "..")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("a//b.png", "empty")]
    [InlineData("a\\b.png", "'\\'")]
    [InlineData(".hidden.png", "reserved for temporary files")]
    [InlineData("x.png.meta.json", "reserved for metadata sidecars")]
    public async Task Invalid_names_are_rejected_with_a_clear_message(string name, string expected)
    {
        var commit = await Assert.ThrowsAsync<ArgumentException>(() =>
            Store.CommitAsync(name, new byte[] { 1 }, new Dictionary<string, string>()));
        var get = await Assert.ThrowsAsync<ArgumentException>(() => Store.GetAsync(name));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ReadAsync(name));

        Assert.Contains(expected, commit.Message);
        Assert.Equal("name", get.ParamName);
    }

    [Theory]
    [InlineData("params_hash")]
    [InlineData("1st")]
    [InlineData("has space")]
    public async Task Invalid_metadata_keys_are_rejected_naming_the_key(string key)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Store.CommitAsync($"{Prefix}/m.png", new byte[] { 1 }, new Dictionary<string, string> { [key] = "v" }));

        Assert.Contains($"'{key}'", error.Message);
        Assert.Null(await Store.GetAsync($"{Prefix}/m.png"));
    }

    [Fact]
    public async Task List_returns_the_committed_names_under_a_prefix_and_nothing_else()
    {
        string[] inJob = [$"{Prefix}/job-1/a.png", $"{Prefix}/job-1/deep/b.png", $"{Prefix}/job-1/public/index.html"];
        foreach (var name in inJob.Append($"{Prefix}/job-10/c.png").Append($"{Prefix}/other.png"))
            await Store.CommitAsync(name, new byte[] { 1 }, new Dictionary<string, string> { ["k"] = "v" });

        var underJob = await ToListAsync(Store.ListAsync($"{Prefix}/job-1/"));
        var all = await ToListAsync(Store.ListAsync($"{Prefix}/"));
        var byNamePrefix = await ToListAsync(Store.ListAsync($"{Prefix}/job-1"));

        Assert.Equal(inJob.Order(StringComparer.Ordinal), underJob.Order(StringComparer.Ordinal));
        Assert.Equal(5, all.Count);
        Assert.Equal(4, byNamePrefix.Count); // "job-1" also starts "job-10"
        Assert.Empty(await ToListAsync(Store.ListAsync($"{Prefix}/never/")));
    }

    [Fact]
    public async Task List_refuses_a_prefix_that_leaves_the_store()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => ToListAsync(Store.ListAsync("../")));
        await Assert.ThrowsAsync<ArgumentException>(() => ToListAsync(Store.ListAsync($"{Prefix}/../../x")));
    }

    protected static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> names)
    {
        var list = new List<string>();
        await foreach (var name in names) list.Add(name);
        return list;
    }
}
