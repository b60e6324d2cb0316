namespace StyleTransfer.Contracts;

/// <summary>
/// The compute node of one silo (key = the silo's identity, <c>SiloAddress.ToParsableString()</c>); always activated
/// on that silo. Bounds the number of concurrent optimizations on its device.
/// </summary>
[Alias("StyleTransfer.IGpuNodeGrain")]
public interface IGpuNodeGrain : IGrainWithStringKey
{
    [Alias("GetInfo")]
    Task<NodeInfo> GetInfoAsync();

    /// <summary>Starts the work on this node and returns true, or returns false when the node is full.</summary>
    [Alias("TryAccept")]
    Task<bool> TryAcceptAsync(WorkItem work);

    /// <summary>From an optimizer: the dispatch ended and its slot is free.</summary>
    [Alias("Release")]
    Task ReleaseAsync(Guid dispatchId);
}
