using StyleTransfer.Contracts;
using StyleTransfer.Engine;
using StyleTransfer.Storage;

namespace StyleTransfer.Grains;

/// <summary>
/// One item, start to end, off the Orleans scheduler: hash the inputs, skip when the store already holds a result of
/// that name with the same parameters hash, else stylize on a dedicated long-running thread and commit the PNG with
/// its parameters as metadata. Snapshots, when asked for, are committed beside the output as
/// "&lt;stem&gt;.iter-NNNNNN.png". Never throws: failures come back as an outcome with a reason.
/// </summary>
public sealed class ItemPipeline(IStylizationEngine engine, IResultStore store, string device)
{
    /// <param name="segmentation">automatic semantic groups of the item's images (photo method without masks), or null.</param>
    public async Task<ItemOutcome> RunAsync(WorkItem work, LabelMapPair? segmentation, IProgress<StylizeProgress> progress,
        CancellationToken cancellationToken)
    {
        try
        {
            var parameters = await Task.Run(() => ResultParameters.Compute(work.Item, work.Options), cancellationToken);
            var existing = await AtStore(() => store.GetAsync(work.OutputName, cancellationToken));
            if (existing is not null
                && existing.Metadata.TryGetValue(ResultParameters.Keys.ParamsHash, out var hash) && hash == parameters.Hash)
                return new ItemOutcome(work.DispatchId, ItemState.Skipped, existing.Location, null);

            var request = new StylizeRequest(
                work.Item.ContentPath,
                work.Item.Styles.Select(s => new StyleInput(s.Path, s.Weight)).ToList(),
                work.Options with { Device = device },
                work.Item.ContentMaskPath,
                work.Item.StyleMaskPath)
            {
                Segmentation = segmentation,
                GuidancePoints = work.Item.GuidancePoints,
            };
            var result = await Task.Factory.StartNew(
                () => engine.Stylize(request, progress, SnapshotCommitter(work, parameters.Hash, cancellationToken), cancellationToken),
                cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            var stored = await AtStore(() => store.CommitAsync(work.OutputName, result.Png, parameters.Metadata(work, result), cancellationToken));
            return new ItemOutcome(work.DispatchId, ItemState.Succeeded, stored.Location, null);
        }
        catch (StoreFailedException e)
        {
            // The result store failed (unreachable, throttled, disk full): transient, the job retries the item later.
            return ItemOutcome.Failure(work.DispatchId,
                $"result store {store.Describe()} failed for {work.OutputName}: {FailureReasons.Describe(e.InnerException!)}", transient: true);
        }
        catch (Exception e)
        {
            return ItemOutcome.Failure(work.DispatchId, FailureReasons.Describe(e));
        }
    }

    /// <summary>Marks a failure of the result store, as opposed to one of the item's inputs or the engine.</summary>
    sealed class StoreFailedException(Exception inner) : Exception(inner.Message, inner);

    static async Task<T> AtStore<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new StoreFailedException(e);
        }
    }

    public static string SnapshotName(string outputName, int iteration) =>
        $"{Path.ChangeExtension(outputName, null)}.iter-{iteration:D6}.png";

    // Runs on the engine's own thread, so waiting for the commit blocks no grain.
    Action<int, byte[]>? SnapshotCommitter(WorkItem work, string paramsHash, CancellationToken cancellationToken) =>
        work.Options.SnapshotEvery <= 0 ? null : (iteration, png) => store.CommitAsync(SnapshotName(work.OutputName, iteration), png,
            new Dictionary<string, string> { [ResultParameters.Keys.ParamsHash] = paramsHash, ["iteration"] = iteration.ToString() },
            cancellationToken).GetAwaiter().GetResult();
}
