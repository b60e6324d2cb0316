using StyleTransfer.Contracts;
using StyleTransfer.Grains.Tests.Fakes;

namespace StyleTransfer.Grains.Tests;

/// <summary>Dispatch over nodes, with the fake engine: items spread over every node, never more at once than a node's capacity.</summary>
public sealed class DispatchTests
{
    [Fact]
    public async Task Items_spread_over_every_node_and_no_node_runs_more_than_its_capacity()
    {
        await using var cluster = await FakeCluster.StartAsync(silos: 2, capacity: 2);
        cluster.Engine.Default = FakeStep.Succeed(milliseconds: 150);
        var items = Enumerable.Range(0, 10).Select(i => $"d{i}").ToArray();

        await cluster.StartAsync(cluster.Job("spread", items));
        var status = await cluster.WaitAsync("spread");

        Assert.True(status.Succeeded == 10, ClusterFixture.Describe(status));
        var nodes = cluster.Cluster.Silos.Select(FakeCluster.NodeOf).ToList();
        foreach (var node in nodes)
        {
            Assert.Equal(2, cluster.Engine.MaxConcurrent(node)); // full, and never over
            Assert.Contains(status.Items, i => i.Node == node);
        }
        Assert.All(status.Items, i => Assert.Equal(1, i.Attempts));
        Assert.Equal(10, cluster.Engine.Calls.Count);
        Assert.Equal(items.Select(i => $"spread/{i}.png"), cluster.FilesInResults().Where(f => f.EndsWith(".png")));
    }
}
