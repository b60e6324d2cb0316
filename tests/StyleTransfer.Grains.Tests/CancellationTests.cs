using StyleTransfer.Contracts;
using StyleTransfer.Grains.Tests.Fakes;

namespace StyleTransfer.Grains.Tests;

/// <summary>Cancelling a job mid-run, with the fake engine.</summary>
public sealed class CancellationTests
{
    [Fact]
    public async Task Cancelling_a_running_job_cancels_its_running_items_and_writes_nothing()
    {
        await using var cluster = await FakeCluster.StartAsync(silos: 2);
        cluster.Engine.Default = FakeStep.BlockUntilCancelled;
        var job = await cluster.StartAsync(cluster.Job("cancel", "c0", "c1", "c2", "c3"));
        await cluster.Engine.WaitUntilAsync(calls => calls.Count(c => c.Outcome is null) == 2, "two items running");

        await job.CancelAsync();
        var status = await cluster.WaitAsync("cancel");

        Assert.True(status.Cancelled, ClusterFixture.Describe(status));
        Assert.Equal(4, status.CancelledItems);
        Assert.All(status.Items, i => Assert.Equal(ItemState.Cancelled, i.State));
        Assert.Equal(0, status.Succeeded + status.Failed + status.Skipped);
        // The two running calls saw the cancellation; the queued items never reached the engine.
        Assert.Equal(2, cluster.Engine.Calls.Count);
        await cluster.Engine.WaitUntilAsync(calls => calls.All(c => c.Outcome == "cancelled"), "both calls cancelled");
        Assert.Equal(0, cluster.Store.TotalCommits);
        Assert.Empty(cluster.FilesInResults());
    }
}
