using StyleTransfer.Contracts;

namespace StyleTransfer.WebView.Tests;

[Collection(WebViewCollection.Name)]
public sealed class JobDirectoryTests(WebViewHost host)
{
    [Fact]
    public async Task Jobs_are_listed_once_each_newest_first_in_slices()
    {
        // A directory of its own (the jobs of the other tests register under "all").
        var directory = host.Client.GetGrain<IJobDirectoryGrain>("test-" + Guid.NewGuid().ToString("N"));
        var t0 = DateTimeOffset.UtcNow;
        await directory.RegisterAsync("a", t0);
        await directory.RegisterAsync("b", t0.AddSeconds(1));
        await directory.RegisterAsync("a", t0.AddSeconds(2));
        await directory.RegisterAsync("c", t0.AddSeconds(3));

        var all = await directory.ListAsync(0, 10);
        Assert.Equal(["c", "b", "a"], all.Jobs.Select(j => j.JobId));
        Assert.Equal(3, all.Total);
        Assert.Equal(t0, all.Jobs[^1].StartedAt);
        Assert.Equal(["b"], (await directory.ListAsync(1, 1)).Jobs.Select(j => j.JobId));
        Assert.Empty((await directory.ListAsync(3, 10)).Jobs);
    }
}
