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

    /// <summary>
    /// From an optimizer or a trainer: the dispatch ended and its slot is free. An optimizer passes its item's outcome,
    /// which the node keeps until the page has it (<see cref="ReportedAsync"/>).
    /// </summary>
    [Alias("Release")]
    Task ReleaseAsync(Guid dispatchId, ItemOutcome? outcome);

    /// <summary>The dispatch's outcome reached its page (from the optimizer, or from the page that took it here).</summary>
    [Alias("Reported")]
    Task ReportedAsync(Guid dispatchId);

    /// <summary>
    /// The dispatches of a page that this node still holds: running, or ended with their outcome not yet acknowledged.
    /// A page asks when it is activated again (its silo died, or it was collected) and on its periodic audit, to keep
    /// what is still under way and take outcomes whose reports were lost.
    /// </summary>
    [Alias("GetDispatches")]
    Task<IReadOnlyList<NodeDispatch>> GetDispatchesAsync(string pageKey);
}
