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

    /// <summary>Starts a training attempt on this node and returns true when the node is idle; a training holds the whole node.</summary>
    [Alias("TryAcceptTraining")]
    Task<bool> TryAcceptTrainingAsync(TrainingWork work);

    /// <summary>From an optimizer or a trainer: the dispatch ended and its slot is free.</summary>
    [Alias("Release")]
    Task ReleaseAsync(Guid dispatchId);

    /// <summary>From an optimizer: its outcome reached the page (or reporting it was given up).</summary>
    [Alias("Reported")]
    Task ReportedAsync(Guid dispatchId);

    /// <summary>
    /// The dispatches of a page that this node still holds: running, or ended with their outcome not yet reported. A
    /// page asks when it is activated again (its silo died, or it was collected) to keep what is still under way.
    /// </summary>
    [Alias("GetDispatches")]
    Task<IReadOnlyList<WorkItem>> GetDispatchesAsync(string pageKey);
}
