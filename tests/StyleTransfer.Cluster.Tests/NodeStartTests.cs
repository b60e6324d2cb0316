namespace StyleTransfer.Cluster.Tests;

/// <summary>Issue 10, case 1 in a cluster: a silo process whose node device does not exist refuses to start, saying why.</summary>
public sealed class NodeStartTests
{
    [Fact]
    public async Task A_silo_whose_device_does_not_exist_exits_1_with_the_reason_instead_of_joining_without_a_node()
    {
        await using var cluster = await LoopbackCluster.StartAsync(silos: 0);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(cluster.ClusterId,
            cluster.Storage.ConnectionString, new Dictionary<string, string> { ["GpuNode__Device"] = "cuda:3" }));

        Assert.Contains("silo exited with 1", e.Message);
        Assert.Contains("cannot start: device 'cuda:3'", e.Message);
    }
}
