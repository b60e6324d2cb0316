using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using StyleTransfer.Contracts;
using StyleTransfer.Engine;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Storage;

namespace StyleTransfer.Grains;

/// <summary>
/// Runs one dispatch on the silo of the node that accepted it (the node calls it, so local placement puts it there).
/// <see cref="StartAsync"/> returns at once; the pipeline runs off the scheduler, a timer forwards throttled progress
/// (and keeps the activation alive). At the end the node frees the slot and keeps the outcome, the page gets the
/// outcome, and then the node forgets the dispatch (until then the page finds it there:
/// <see cref="IGpuNodeGrain.GetDispatchesAsync"/>, and takes the outcome itself if this report is lost).
/// </summary>
[PreferLocalPlacement]
public sealed class OptimizerGrain(
    IStylizationEngine engine, IResultStore store, IInputFiles inputs, IGrainFactory grains, IOptions<GpuNodeOptions> nodeOptions,
    ILogger<OptimizerGrain> logger)
    : Grain, IOptimizerGrain
{
    readonly CancellationTokenSource _cancellation = new();
    bool _cancelRequested;
    readonly LatestProgress _progress = new();
    WorkItem? _work;
    IGrainTimer? _progressTimer;
    StylizeProgress? _reported;

    public Task StartAsync(WorkItem work, string nodeId)
    {
        if (_work is not null) return Task.CompletedTask;
        _work = work;
        var interval = TimeSpan.FromSeconds(Math.Max(0.1, nodeOptions.Value.ProgressIntervalSeconds));
        _progressTimer = this.RegisterGrainTimer(ForwardProgressAsync,
            new GrainTimerCreationOptions(interval, interval) { KeepAlive = true, Interleave = true });
        _ = RunAsync(work, nodeId);
        return Task.CompletedTask;
    }

    public Task CancelAsync()
    {
        _cancelRequested = true;
        _cancellation.Cancel();
        return Task.CompletedTask;
    }

    async Task RunAsync(WorkItem work, string nodeId)
    {
        var pipeline = new ItemPipeline(engine, store, new PendingResults(nodeOptions.Value.PendingResultsPath));
        // Task.Run: the pipeline must not run on this activation's scheduler; its continuation here does.
        ItemOutcome outcome;
        try
        {
            // Blob inputs become node-local files first: everything below reads them.
            work = work with { Item = await Task.Run(() => ItemPipeline.LocalInputsAsync(work.Item, inputs, _cancellation.Token)) };
            var hashes = await Task.Run(() => ItemHashes.Of(work.Item)); // once per attempt, for everything below
            var groups = await AutomaticGroupsAsync(work, hashes); // here, on the activation: grain calls need its context
            outcome = await Task.Run(() => pipeline.RunAsync(work, hashes, groups, _progress, _cancellation.Token));
        }
        catch (Exception e)
        {
            outcome = ItemOutcome.Failure(work.DispatchId, FailureReasons.Describe(e), transient: e is not (OperationCanceledException or ArgumentException or InvalidInputException));
        }
        // Cancelled because this silo is shutting down, not by the job: the item must run again elsewhere.
        if (outcome.FailureReason == FailureReasons.Cancelled && !_cancelRequested)
            outcome = ItemOutcome.Failure(work.DispatchId, "interrupted: its node shut down", transient: true);
        else if (outcome.FailureReason == FailureReasons.Cancelled)
            outcome = outcome with { State = ItemState.Cancelled };
        _progressTimer?.Dispose();
        logger.LogInformation("Item {Item} of job {Job} on {Node}: {State} {Detail}",
            work.Item.ItemId, work.JobId, nodeId, outcome.State, outcome.FailureReason ?? outcome.ResultLocation);
        // Off this activation: it may be gone by now (the cluster deactivates activations whose directory entries a
        // dead silo held), and then every call made in its context fails.
        await Task.Run(() => FinishAsync(work, nodeId, outcome with { ItemId = work.Item.ItemId }));
        DeactivateOnIdle();
    }

    /// <summary>Frees the node's slot (the node keeps the outcome), reports to the page, then lets the node forget it.</summary>
    async Task FinishAsync(WorkItem work, string nodeId, ItemOutcome outcome)
    {
        var node = grains.GetGrain<IGpuNodeGrain>(nodeId);
        try
        {
            await ForwardProgressAsync();
            await node.ReleaseAsync(work.DispatchId, outcome);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not release dispatch {Dispatch} on node {Node}", work.DispatchId, nodeId);
        }
        await OutcomeReports.DeliverAsync(() => grains.GetGrain<IJobPageGrain>(work.PageKey).ReportFinishedAsync(outcome), logger,
            $"item {work.Item.ItemId} of job {work.JobId}");
        try
        {
            await node.ReportedAsync(work.DispatchId);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not tell node {Node} that dispatch {Dispatch} was reported", nodeId, work.DispatchId);
        }
    }

    /// <summary>Automatic groups for a method that needs them (photo without masks), computed once per image pair by the segmentation grain.</summary>
    async Task<SegmentationMaps?> AutomaticGroupsAsync(WorkItem work, ItemHashes hashes)
    {
        if (!MethodRegistry.Get(work.Options.Method).NeedsAutomaticGroups(work.Item.HasMasks)) return null;
        var request = new AutoSegmentationRequest(work.Item.ContentPath, hashes.Content, work.Item.Styles[0].Path, hashes.Styles[0], work.Options);
        return await grains.GetGrain<ISegmentationGrain>(request.Key()).SegmentAutomaticallyAsync(request);
    }

    Task ForwardProgressAsync()
    {
        var latest = _progress.Latest;
        if (_work is null || latest is null || latest == _reported) return Task.CompletedTask;
        _reported = latest;
        return grains.GetGrain<IJobPageGrain>(_work.PageKey).ReportProgressAsync(_work.DispatchId, latest.Iteration, latest.TotalIterations);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _cancellation.Cancel();
        _cancellation.Dispose();
        return Task.CompletedTask;
    }
}
