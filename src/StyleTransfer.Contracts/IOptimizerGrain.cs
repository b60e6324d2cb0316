namespace StyleTransfer.Contracts;

/// <summary>
/// Runs one dispatch (key = <see cref="WorkItem.DispatchId"/>) on its node's silo. <see cref="StartAsync"/> returns
/// at once; the work runs on a dedicated thread and reports progress and its outcome to the job grain.
/// </summary>
[Alias("StyleTransfer.IOptimizerGrain")]
public interface IOptimizerGrain : IGrainWithGuidKey
{
    [Alias("Start")]
    Task StartAsync(WorkItem work, string nodeId);

    [Alias("Cancel")]
    Task CancelAsync();
}
