using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime;
using StyleTransfer.Contracts;

namespace StyleTransfer.Grains;

/// <summary>Lists the node of every active silo, from this silo's view of cluster membership.</summary>
[StatelessWorker]
public sealed class NodeDirectoryGrain(IClusterMembershipService membership, ILogger<NodeDirectoryGrain> logger)
    : Grain, INodeDirectoryGrain
{
    public async Task<IReadOnlyList<NodeInfo>> GetNodesAsync()
    {
        var silos = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress.ToParsableString())
            .Order(StringComparer.Ordinal)
            .ToList();
        var nodes = await Task.WhenAll(silos.Select(async silo =>
        {
            try
            {
                return await GrainFactory.GetGrain<IGpuNodeGrain>(silo).GetInfoAsync();
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Node {Node} did not answer", silo);
                return null;
            }
        }));
        return nodes.OfType<NodeInfo>().ToList();
    }
}
