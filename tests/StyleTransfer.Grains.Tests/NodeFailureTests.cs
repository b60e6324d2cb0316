using Microsoft.Extensions.DependencyInjection;
using StyleTransfer.Contracts;
using StyleTransfer.Engine;
using StyleTransfer.Silo;

namespace StyleTransfer.Grains.Tests;

/// <summary>Issue 10, case 1: a node whose engine cannot start fails the items sent to it with the reason, instead of leaving them queued.</summary>
public sealed class NodeFailureTests
{
    [Fact]
    public async Task Items_sent_to_a_node_whose_engine_cannot_start_fail_with_the_reason_after_the_allowed_attempts()
    {
        using var images = new TestImages();
        await using var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions
        {
            ResultStore = store => store.Path = images.Path("results"),
            Node = node => node.Device = "cpu",
            Services = services =>
            {
                services.AddSingleton<IStylizationEngine>(_ => throw new InvalidOperationException("libtorch could not be loaded"));
                services.Configure<JobOptions>(jobs =>
                {
                    jobs.RetryBaseDelay = TimeSpan.FromMilliseconds(100);
                    jobs.MaxAttempts = 3;
                });
            },
        });
        var job = cluster.Client.GetGrain<IJobGrain>("no-engine");
        await job.StartAsync(new JobSpec("no-engine", "x",
            [new JobItemSpec("one", images.Content("c.png", 1, 32, 32), [new StyleSpec(images.Style("s.png", 32, 32))], "one.png")],
            ClusterFixture.FastOptions));

        JobStatus status;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(status = await job.GetStatusAsync()).IsComplete && DateTime.UtcNow < deadline) await Task.Delay(100);

        Assert.True(status.IsComplete, $"the item never finished: {ClusterFixture.Describe(status)}");
        var item = Assert.Single(status.Items);
        Assert.Equal(ItemState.Failed, item.State);
        Assert.Equal(3, item.Attempts);
        Assert.Contains("could not start it", item.FailureReason);
        Assert.True(item.FailureReason!.Contains("libtorch could not be loaded"), item.FailureReason);
    }
}
