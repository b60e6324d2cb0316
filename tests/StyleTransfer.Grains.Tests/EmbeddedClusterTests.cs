using StyleTransfer.Contracts;
using StyleTransfer.Silo;
using StyleTransfer.Storage;

namespace StyleTransfer.Grains.Tests;

/// <summary>The CLI's two ways in: an in-process silo, and a client connecting to a running cluster's gateway.</summary>
public sealed class EmbeddedClusterTests
{
    [Fact]
    public async Task Embedded_silo_runs_a_job_submitted_by_an_external_client_into_a_local_folder()
    {
        using var images = new TestImages();
        var output = images.Path("out");
        await using var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions
        {
            ResultStore = store => { store.Kind = ResultStoreOptions.LocalKind; store.Path = output; },
            Node = node => node.Device = "cpu",
        });
        var nodes = await cluster.Client.GetGrain<INodeDirectoryGrain>(0).GetNodesAsync();
        Assert.Equal(1, Assert.Single(nodes).Capacity);

        await using var connection = await ClusterClientFactory.ConnectAsync([cluster.Gateway]);
        var job = connection.Client.GetGrain<IJobGrain>("embedded");
        Assert.False((await job.GetStatusAsync()).IsStarted);
        await job.StartAsync(new JobSpec("embedded", "emb",
            [new JobItemSpec("one", images.Content("c.png", 1), [new StyleSpec(images.Style("s.png"))], "one.png")],
            ClusterFixture.FastOptions));
        JobStatus status;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!(status = await job.GetStatusAsync()).IsComplete && DateTime.UtcNow < deadline) await Task.Delay(200);

        Assert.True(status.Succeeded == 1, ClusterFixture.Describe(status));
        Assert.True(File.Exists(Path.Combine(output, "emb", "one.png")));
        Assert.NotNull(await cluster.ResultStore.GetAsync("emb/one.png"));
    }

    [Fact]
    public async Task Connecting_to_a_gateway_that_is_not_there_fails_with_the_endpoint()
    {
        var endpoint = ClusterClientFactory.ParseEndpoint("127.0.0.1:1");
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ClusterClientFactory.ConnectAsync([endpoint], connectTimeout: TimeSpan.FromSeconds(2)));
        Assert.Contains("127.0.0.1:1", e.Message);
    }
}
