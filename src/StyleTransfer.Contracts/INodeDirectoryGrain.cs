namespace StyleTransfer.Contracts;

/// <summary>The nodes of the active silos of the cluster (use key 0).</summary>
[Alias("StyleTransfer.INodeDirectoryGrain")]
public interface INodeDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("GetNodes")]
    Task<IReadOnlyList<NodeInfo>> GetNodesAsync();
}
