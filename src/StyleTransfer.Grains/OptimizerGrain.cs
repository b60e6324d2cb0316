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
/// (and keeps the activation alive). At the end the node frees the slot, the page gets the outcome, and then the node
/// forgets the dispatch (until then a page activated again finds it there: <see cref="IGpuNodeGrain.GetDispatchesAsync"/>).
/// </summary>
[PreferLocalPlacement]
public sealed class OptimizerGrain(
    IStylizationEngine engine, IResultStore store, IInputFiles inputs, IOptions<GpuNodeOptions> nodeOptions, ILogger<OptimizerGrain> logger)
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
        try
        {
            await ForwardProgressAsync();
            await GrainFactory.GetGrain<IGpuNodeGrain>(nodeId).ReleaseAsync(work.DispatchId);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not release dispatch {Dispatch} on node {Node}", work.DispatchId, nodeId);
        }
        await ReportAsync(work, outcome with { ItemId = work.Item.ItemId });
        try
        {
            await GrainFactory.GetGrain<IGpuNodeGrain>(nodeId).ReportedAsync(work.DispatchId);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not tell node {Node} that dispatch {Dispatch} was reported", nodeId, work.DispatchId);
        }
        DeactivateOnIdle();
    }

    /// <summary>Automatic groups for a method that needs them (photo without masks), computed once per image pair by the segmentation grain.</summary>
    async Task<SegmentationMaps?> AutomaticGroupsAsync(WorkItem work, ItemHashes hashes)
    {
        if (!MethodRegistry.Get(work.Options.Method).NeedsAutomaticGroups(work.Item.HasMasks)) return null;
        var request = new AutoSegmentationRequest(work.Item.ContentPath, hashes.Content, work.Item.Styles[0].Path, hashes.Styles[0], work.Options);
        return await GrainFactory.GetGrain<ISegmentationGrain>(request.Key()).SegmentAutomaticallyAsync(request);
    }

    Task ReportAsync(WorkItem work, ItemOutcome outcome) => OutcomeReports.DeliverAsync(
        () => GrainFactory.GetGrain<IJobPageGrain>(work.PageKey).ReportFinishedAsync(outcome), logger, $"item {work.Item.ItemId} of job {work.JobId}");

    Task ForwardProgressAsync()
    {
        var latest = _progress.Latest;
        if (_work is null || latest is null || latest == _reported) return Task.CompletedTask;
        _reported = latest;
        return GrainFactory.GetGrain<IJobPageGrain>(_work.PageKey).ReportProgressAsync(_work.DispatchId, latest.Iteration, latest.TotalIterations);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _cancellation.Cancel();
        _cancellation.Dispose();
        return Task.CompletedTask;
    }
}
