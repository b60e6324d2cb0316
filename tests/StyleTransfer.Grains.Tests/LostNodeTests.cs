using StyleTransfer.Contracts;
using StyleTransfer.Grains.Tests.Fakes;

namespace StyleTransfer.Grains.Tests;

/// <summary>A node lost mid-item, with the fake engine: its item runs again on another node and is stored once.</summary>
public sealed class LostNodeTests
{
    [Fact]
    public async Task An_item_whose_silo_is_killed_runs_again_elsewhere_and_is_committed_exactly_once()
    {
        await using var cluster = await FakeCluster.StartAsync(silos: 3);
        cluster.Engine.Default = FakeStep.Hold;
        var items = new[] { "k0", "k1", "k2" };
        await cluster.StartAsync(cluster.Job("lost", items));
        await cluster.Engine.WaitUntilAsync(calls => calls.Count == 3, "one item running on each node");

        // Kill a silo other than the first, the test cluster's primary.
        var victim = cluster.Cluster.Silos[2];
        var lostNode = FakeCluster.NodeOf(victim);
        var lostItem = cluster.Engine.Calls.Single(c => c.Node == lostNode).Item;
        cluster.Engine.Kill(lostNode);
        await cluster.Cluster.KillSiloAsync(victim);
        foreach (var silo in cluster.Cluster.Silos.Take(2)) cluster.Engine.Release(FakeCluster.NodeOf(silo));
        var status = await cluster.WaitAsync("lost");

        Assert.True(status.Succeeded == 3, ClusterFixture.Describe(status));
        var again = status.Items.Single(i => i.ItemId == lostItem);
        Assert.Equal(2, again.Attempts);
        Assert.NotEqual(lostNode, again.Node);
        Assert.All(status.Items.Where(i => i.ItemId != lostItem), i => Assert.Equal(1, i.Attempts));
        Assert.DoesNotContain(status.Nodes, n => n.NodeId == lostNode);
        Assert.Equal(items.Select(i => $"lost/{i}.png"), cluster.FilesInResults().Where(f => f.EndsWith(".png")));
        Assert.All(items, i => Assert.Equal(1, cluster.Store.CommitsOf($"lost/{i}.png")));
    }
}
