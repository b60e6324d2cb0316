using StyleTransfer.Contracts;
using StyleTransfer.Grains.Tests.Fakes;

namespace StyleTransfer.Grains.Tests;

/// <summary>
/// A page that moves to another silo while its items run, with the fake engine: the new activation keeps the
/// dispatches still running on their nodes, takes their outcomes, and runs nothing twice.
/// </summary>
public sealed class PageMoveTests
{
    [Fact]
    public async Task A_page_whose_silo_is_killed_keeps_the_items_running_on_the_other_nodes()
    {
        await using var cluster = await FakeCluster.StartAsync(silos: 3);
        cluster.Engine.Default = FakeStep.Hold;
        var items = new[] { "p0", "p1", "p2" };
        // The page lives on a silo other than the first (the test cluster's primary), which is then killed; the job
        // on the first, so that the test can watch it throughout.
        var victim = cluster.Cluster.Silos[2];
        var page = cluster.Client.GetGrain<IJobPageGrain>(JobPages.Key("moved", 0));
        var job = cluster.Client.GetGrain<IJobGrain>("moved");
        await cluster.PlaceOnAsync(victim, _ => page.GetItemsAsync());
        await cluster.PlaceOnAsync(cluster.Cluster.Silos[0], _ => job.GetStatusAsync());
        await cluster.StartAsync(cluster.Job("moved", items));
        await cluster.Engine.WaitUntilAsync(calls => calls.Count == 3, "one item running on each node");
        Assert.Equal(victim.SiloAddress, await cluster.SiloOfAsync(page));
        Assert.Equal(cluster.Cluster.Silos[0].SiloAddress, await cluster.SiloOfAsync(job));

        var lostNode = FakeCluster.NodeOf(victim);
        var lostItem = cluster.Engine.Calls.Single(c => c.Node == lostNode).Item;
        cluster.Engine.Kill(lostNode);
        await cluster.Cluster.KillSiloAsync(victim);
        foreach (var silo in cluster.Cluster.Silos.Take(2)) cluster.Engine.Release(FakeCluster.NodeOf(silo));
        var status = await cluster.WaitAsync("moved");

        Assert.True(status.Succeeded == 3, ClusterFixture.Describe(status));
        Assert.Equal(2, status.Items.Single(i => i.ItemId == lostItem).Attempts);
        Assert.All(status.Items.Where(i => i.ItemId != lostItem), i => Assert.Equal(1, i.Attempts));
        Assert.Equal(4, cluster.Engine.Calls.Count); // the lost item twice, the others once
        Assert.All(items, i => Assert.Equal(1, cluster.Store.CommitsOf($"moved/{i}.png")));
    }

    [Fact]
    public async Task A_page_deactivated_while_its_items_run_takes_their_outcomes_and_runs_none_again()
    {
        await using var cluster = await FakeCluster.StartAsync(silos: 2);
        cluster.Engine.Default = FakeStep.Hold;
        var items = new[] { "q0", "q1" };
        await cluster.StartAsync(cluster.Job("paused", items));
        await cluster.Engine.WaitUntilAsync(calls => calls.Count == 2, "one item running on each node");

        var page = cluster.Client.GetGrain<IJobPageGrain>(JobPages.Key("paused", 0));
        await cluster.Client.GetGrain<IManagementGrain>(0).DeactivateGrain(page.GetGrainId());
        await Task.Delay(500); // the job's ticks (100 ms) activate the page again meanwhile
        foreach (var silo in cluster.Cluster.Silos) cluster.Engine.Release(FakeCluster.NodeOf(silo));
        var status = await cluster.WaitAsync("paused");

        Assert.True(status.Succeeded == 2, ClusterFixture.Describe(status));
        Assert.All(status.Items, i => Assert.Equal(1, i.Attempts));
        Assert.Equal(2, cluster.Engine.Calls.Count);
        Assert.All(items, i => Assert.Equal(1, cluster.Store.CommitsOf($"paused/{i}.png")));
    }

    [Fact]
    public async Task A_node_lists_a_pages_dispatch_until_its_outcome_is_reported()
    {
        await using var cluster = await FakeCluster.StartAsync(silos: 1);
        cluster.Engine.Default = FakeStep.Hold;
        var (node, running) = await StartOneItemAsync(cluster, "listed", "l0");
        var key = JobPages.Key("listed", 0);

        Assert.Equal("l0", running.Work.Item.ItemId);
        Assert.Null(running.Outcome);
        Assert.Empty(await node.GetDispatchesAsync(JobPages.Key("other", 0)));
        // Released, as at the end of the optimization: the slot is free, but the outcome has not reached the page yet.
        var outcome = new ItemOutcome(running.Work.DispatchId, ItemState.Failed, null, "interrupted", Transient: true, ItemId: "l0");
        await node.ReleaseAsync(running.Work.DispatchId, outcome);
        Assert.Equal(0, (await node.GetInfoAsync()).InFlight);
        var released = Assert.Single(await node.GetDispatchesAsync(key));
        Assert.Equal(running.Work.DispatchId, released.Work.DispatchId);
        Assert.Equal(outcome, released.Outcome);

        cluster.Engine.Release(node.GetPrimaryKeyString());
        var status = await cluster.WaitAsync("listed");
        Assert.True(status.Succeeded == 1, ClusterFixture.Describe(status));
        Assert.Empty(await node.GetDispatchesAsync(key));
    }

    [Fact]
    public async Task A_page_takes_from_the_node_an_outcome_whose_report_was_lost()
    {
        await using var cluster = await FakeCluster.StartAsync(silos: 1);
        cluster.Engine.Default = FakeStep.BlockUntilCancelled;
        var (node, dispatch) = await StartOneItemAsync(cluster, "kept", "k0");
        var running = dispatch.Work;

        // What an optimizer does when it ends but cannot reach the page: the node keeps the outcome, nobody reports it.
        await node.ReleaseAsync(running.DispatchId, new ItemOutcome(running.DispatchId, ItemState.Succeeded, "kept/k0.png", null, ItemId: "k0"));
        var status = await cluster.WaitAsync("kept");

        var k0 = Assert.Single(status.Items);
        Assert.True(k0.State == ItemState.Succeeded, ClusterFixture.Describe(status));
        Assert.Equal("kept/k0.png", k0.ResultLocation);
        Assert.Equal(1, k0.Attempts);
        Assert.Empty(await node.GetDispatchesAsync(JobPages.Key("kept", 0))); // the page told the node it has the outcome
    }

    [Fact]
    public async Task An_optimizer_deactivated_mid_item_still_frees_its_slot_and_reports_so_the_item_runs_again()
    {
        await using var cluster = await FakeCluster.StartAsync(silos: 1);
        cluster.Engine.Script("d0", FakeStep.BlockUntilCancelled);
        var (node, dispatch) = await StartOneItemAsync(cluster, "dropped", "d0");
        var running = dispatch.Work;

        // As the cluster does to activations whose directory entries a dead silo held: the activation goes while its
        // pipeline runs, and everything after the pipeline happens in the context of an invalid activation.
        await cluster.Client.GetGrain<IManagementGrain>(0).DeactivateGrain(cluster.Client.GetGrain<IOptimizerGrain>(running.DispatchId).GetGrainId());
        var status = await cluster.WaitAsync("dropped");

        var d0 = Assert.Single(status.Items);
        Assert.True(d0.State == ItemState.Succeeded, ClusterFixture.Describe(status));
        Assert.Equal(2, d0.Attempts);
        Assert.Equal(2, cluster.Engine.Calls.Count);
        Assert.Equal(0, (await node.GetInfoAsync()).InFlight);
    }

    [Fact]
    public async Task A_page_takes_the_committed_output_of_a_dispatch_it_no_longer_knows_and_stops_the_one_it_runs()
    {
        await using var cluster = await FakeCluster.StartAsync(silos: 1);
        cluster.Engine.Default = FakeStep.BlockUntilCancelled;
        await cluster.StartAsync(cluster.Job("adopted", "a0"));
        await cluster.Engine.WaitUntilAsync(calls => calls.Count == 1, "a0 running");
        var page = cluster.Client.GetGrain<IJobPageGrain>(JobPages.Key("adopted", 0));

        // What a dispatch of an earlier activation reports once it committed the output.
        await page.ReportFinishedAsync(new ItemOutcome(Guid.NewGuid(), ItemState.Succeeded, "earlier/a0.png", null, ItemId: "a0"));
        // Later reports do not change a final item.
        await page.ReportFinishedAsync(new ItemOutcome(Guid.NewGuid(), ItemState.Succeeded, "later/a0.png", null, ItemId: "a0"));
        var status = await cluster.WaitAsync("adopted");

        var a0 = Assert.Single(status.Items);
        Assert.True(a0.State == ItemState.Succeeded, ClusterFixture.Describe(status));
        Assert.Equal("earlier/a0.png", a0.ResultLocation);
        Assert.Equal(1, a0.Attempts);
        await cluster.Engine.WaitUntilAsync(calls => calls.Single().Outcome == "cancelled", "the running dispatch stopped");
        Assert.Equal(ItemState.Succeeded, (await page.GetItemsAsync()).Single().State);
        Assert.Equal(0, cluster.Store.TotalCommits);
    }

    /// <summary>Starts a job of one item on a one-silo cluster and waits until its engine call runs: the node, and the dispatch it lists.</summary>
    static async Task<(IGpuNodeGrain Node, NodeDispatch Running)> StartOneItemAsync(FakeCluster cluster, string jobId, string item)
    {
        await cluster.StartAsync(cluster.Job(jobId, item));
        await cluster.Engine.WaitUntilAsync(calls => calls.Count == 1, $"{item} running");
        var node = cluster.Client.GetGrain<IGpuNodeGrain>(FakeCluster.NodeOf(cluster.Cluster.Silos[0]));
        return (node, Assert.Single(await node.GetDispatchesAsync(JobPages.Key(jobId, 0))));
    }
}
