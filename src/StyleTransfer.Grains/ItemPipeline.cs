using StyleTransfer.Contracts;
using StyleTransfer.Engine;
using StyleTransfer.Storage;

namespace StyleTransfer.Grains;

/// <summary>
/// One item, start to end, off the Orleans scheduler: from its input hashes, skip when the store already holds a result of
/// that name with the same parameters hash, else stylize on a dedicated long-running thread and commit the PNG with
/// its parameters as metadata. Snapshots, when asked for, are committed beside the output as
/// "&lt;stem&gt;.iter-NNNNNN.png". An existing file that is one of the item's inputs is never replaced, nor one the
/// store did not write (no parameters hash) unless the job says overwrite. When only the commit fails, the finished
/// image is kept in <paramref name="pending"/> so the next attempt commits it without computing it again.
/// Never throws: failures come back as an outcome with a reason.
/// </summary>
public sealed class ItemPipeline(IStylizationEngine engine, IResultStore store, PendingResults? pending = null)
{
    /// <param name="hashes">the item's input hashes, computed once for the attempt (<see cref="ItemHashes.Of"/>).</param>
    /// <param name="segmentation">automatic semantic groups of the item's images (for a method that needs them), or null.</param>
    public async Task<ItemOutcome> RunAsync(WorkItem work, ItemHashes hashes, SegmentationMaps? segmentation, IProgress<StylizeProgress> progress,
        CancellationToken cancellationToken)
    {
        try
        {
            var options = MethodSpecMapping.ForNode(work.Options);
            var parameters = ResultParameters.Compute(work.Item, options, hashes);
            var existing = await AtStore(() => store.GetAsync(work.OutputName, cancellationToken));
            if (existing is not null
                && existing.Metadata.TryGetValue(ResultParameters.Keys.ParamsHash, out var hash) && hash == parameters.Hash)
                return new ItemOutcome(work.DispatchId, ItemState.Skipped, existing.Location, null);
            if (existing is not null && InputAt(work.Item, existing.Location) is string input)
                return ItemOutcome.Failure(work.DispatchId, $"output {work.OutputName} is the item's input {input}; inputs are never overwritten");
            if (existing is not null && !existing.Metadata.ContainsKey(ResultParameters.Keys.ParamsHash) && !work.Overwrite)
                return ItemOutcome.Failure(work.DispatchId,
                    $"output {existing.Location} already exists and was not written by styletransfer (it has no parameters); " +
                    "move it away, or pass --overwrite to replace it");

            var kept = pending?.TryGet(work.OutputName, parameters.Hash);
            byte[] png;
            Dictionary<string, string> metadata;
            if (kept is not null)
            {
                (png, metadata) = (kept.Png, kept.Metadata);
            }
            else
            {
                var output = work.Item.Output;
                using var shaped = output is null ? null : await Task.Run(() => ItemShaping.Prepare(work.Item.ContentPath, output), cancellationToken);
                var request = new StylizeRequest(
                    shaped?.ContentPath ?? work.Item.ContentPath,
                    work.Item.Styles.Select((s, i) => new StyleInput(s.Path, s.Weight, hashes.Styles[i])).ToList(),
                    shaped is null ? options : options with { Shared = options.Shared with { MaxSize = shaped.LongestSide } },
                    work.Item.ContentMaskPath,
                    work.Item.StyleMaskPath)
                {
                    Segmentation = segmentation is null ? null : MethodSpecMapping.ToEngine(segmentation),
                    GuidancePoints = MethodSpecMapping.ToEngine(work.Item.GuidancePoints),
                };
                var result = await EngineThreads.Run(
                    () => engine.Stylize(request, progress, SnapshotCommitter(work, parameters.Hash, cancellationToken), cancellationToken),
                    cancellationToken);
                (png, metadata) = (output is null ? result.Png : ItemShaping.Encode(result.Png, output), parameters.Metadata(work, options, result));
            }
            try
            {
                var stored = await AtStore(() => store.CommitAsync(work.OutputName, png, metadata, cancellationToken));
                if (kept is not null) pending!.Remove(work.OutputName, parameters.Hash);
                return new ItemOutcome(work.DispatchId, ItemState.Succeeded, stored.Location, null);
            }
            catch (StoreFailedException e)
            {
                var keptAt = kept?.Path ?? pending?.Save(work.OutputName, parameters.Hash, png, metadata);
                var where = keptAt is null ? "" : $"; the finished image is kept at {keptAt} and committed by the next attempt or run";
                return StoreFailure(work, e, where);
            }
        }
        catch (StoreFailedException e)
        {
            return StoreFailure(work, e, "");
        }
        catch (Exception e)
        {
            return ItemOutcome.Failure(work.DispatchId, FailureReasons.Describe(e));
        }
    }

    /// <summary>The item with its content and style images as local files (blobs are read into the node's cache).</summary>
    /// <summary>The item with its blob inputs (azure://…) replaced by node-local copies; other paths as they are.</summary>
    public static async Task<JobItemSpec> LocalInputsAsync(JobItemSpec item, IInputFiles inputs, CancellationToken cancellationToken)
    {
        if (!BlobInputNames.Is(item.ContentPath) && !item.Styles.Any(s => BlobInputNames.Is(s.Path))) return item;
        var styles = new List<StyleSpec>();
        foreach (var style in item.Styles) styles.Add(style with { Path = await inputs.LocalPathAsync(style.Path, cancellationToken) });
        return item with { ContentPath = await inputs.LocalPathAsync(item.ContentPath, cancellationToken), Styles = styles };
    }

    /// <summary>The result store failed: unreachable, throttled or disk full are transient (the job retries the item
    /// later); permissions, a read-only store or an invalid name are not.</summary>
    ItemOutcome StoreFailure(WorkItem work, StoreFailedException e, string kept) => ItemOutcome.Failure(work.DispatchId,
        $"result store {store.Describe()} failed for {work.OutputName}: {FailureReasons.Describe(e.InnerException!)}{kept}",
        transient: !StoreFailures.IsPermanent(e.InnerException!));

    /// <summary>The item's input file at <paramref name="location"/>, if the output would land on one.</summary>
    static string? InputAt(JobItemSpec item, string location)
    {
        if (!Path.IsPathRooted(location)) return null;
        string[] inputs = [item.ContentPath, .. item.Styles.Select(s => s.Path), item.ContentMaskPath ?? "", item.StyleMaskPath ?? ""];
        var real = RealPaths.Resolve(location);
        return inputs.FirstOrDefault(i => i.Length > 0 && Path.IsPathRooted(i) && RealPaths.Resolve(i) == real);
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
        work.Options.Shared.SnapshotEvery <= 0 ? null : (iteration, png) => store.CommitAsync(SnapshotName(work.OutputName, iteration), png,
            new Dictionary<string, string> { [ResultParameters.Keys.ParamsHash] = paramsHash, ["iteration"] = iteration.ToString() },
            cancellationToken).GetAwaiter().GetResult();
}
