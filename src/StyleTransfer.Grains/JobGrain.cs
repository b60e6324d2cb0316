using System.Text.Json;
using Microsoft.Extensions.Logging;
using StyleTransfer.Contracts;

namespace StyleTransfer.Grains;

/// <summary>
/// Orchestrates one job: per-item state in memory, masks checked up front, items handed round-robin to nodes with
/// free capacity, re-dispatch when an item finishes and on a timer (nodes that were full, silos that joined or
/// left). State is not persisted: if this activation is lost, starting the job again skips finished outputs.
/// </summary>
[CollectionAgeLimit(Minutes = 60)]
public sealed class JobGrain(ILogger<JobGrain> logger) : Grain, IJobGrain
{
    /// <summary>Dispatches of an item before it is failed because its nodes kept leaving the cluster.</summary>
    const int MaxAttempts = 3;

    static readonly TimeSpan DispatchInterval = TimeSpan.FromSeconds(2);

    JobSpec? _spec;
    string? _specJson;
    readonly List<JobItemRecord> _items = [];
    DateTimeOffset? _startedAt;
    DateTimeOffset? _finishedAt;
    bool _cancelled;
    IReadOnlyList<NodeInfo> _nodes = [];
    IGrainTimer? _dispatchTimer;

    public async Task StartAsync(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.JobId != this.GetPrimaryKeyString())
            throw new ArgumentException($"spec is for job '{spec.JobId}' but was sent to job '{this.GetPrimaryKeyString()}'");
        var json = JsonSerializer.Serialize(spec);
        if (_spec is not null)
        {
            if (json == _specJson) return;
            throw new InvalidOperationException($"job '{spec.JobId}' was already started with a different spec; use a new job id");
        }
        spec.Validate();
        _spec = spec;
        _specJson = json;
        _startedAt = DateTimeOffset.UtcNow;
        _items.AddRange(spec.Items.Select(item => new JobItemRecord(item, spec.OutputNameOf(item))));
        logger.LogInformation("Job {Job} started: {Count} items to {Prefix}", spec.JobId, _items.Count, spec.OutputPrefix);
        _dispatchTimer = this.RegisterGrainTimer(DispatchAsync, new GrainTimerCreationOptions(DispatchInterval, DispatchInterval) { KeepAlive = true });
        await DispatchAsync();
    }

    public Task<JobStatus> GetStatusAsync()
    {
        int Count(ItemState state) => _items.Count(i => i.State == state);
        var timed = _items.Where(i => i.State == ItemState.Succeeded && i.StartedAt is not null && i.FinishedAt is not null).ToList();
        double? average = timed.Count == 0 ? null : timed.Average(i => (i.FinishedAt!.Value - i.StartedAt!.Value).TotalSeconds);
        return Task.FromResult(new JobStatus(this.GetPrimaryKeyString(), _startedAt, _finishedAt, _cancelled, _items.Count,
            Count(ItemState.Queued), Count(ItemState.Running), Count(ItemState.Succeeded), Count(ItemState.Failed),
            Count(ItemState.Skipped), average, _items.Select(i => i.ToStatus()).ToList(), _nodes));
    }

    public async Task CancelAsync()
    {
        if (_spec is null || _finishedAt is not null) return;
        _cancelled = true;
        var now = DateTimeOffset.UtcNow;
        foreach (var item in _items.Where(i => i.State == ItemState.Queued)) item.Fail(FailureReasons.Cancelled, now);
        await Task.WhenAll(_items.Where(i => i.DispatchId is not null)
            .Select(i => GrainFactory.GetGrain<IOptimizerGrain>(i.DispatchId!.Value).CancelAsync()));
        CheckFinished();
    }

    public Task ReportProgressAsync(Guid dispatchId, int iteration, int totalIterations)
    {
        _items.FirstOrDefault(i => i.DispatchId == dispatchId)?.Progress(iteration, totalIterations);
        return Task.CompletedTask;
    }

    public async Task ReportFinishedAsync(ItemOutcome outcome)
    {
        var item = _items.FirstOrDefault(i => i.DispatchId == outcome.DispatchId);
        if (item is null) return;
        item.Finished(outcome, DateTimeOffset.UtcNow);
        if (!CheckFinished()) await DispatchAsync();
    }

    bool CheckFinished()
    {
        if (_finishedAt is not null) return true;
        if (_items.Any(i => !i.State.IsFinal())) return false;
        _finishedAt = DateTimeOffset.UtcNow;
        _dispatchTimer?.Dispose();
        _dispatchTimer = null;
        logger.LogInformation("Job {Job} finished: {Succeeded} succeeded, {Skipped} skipped, {Failed} failed",
            this.GetPrimaryKeyString(), _items.Count(i => i.State == ItemState.Succeeded),
            _items.Count(i => i.State == ItemState.Skipped), _items.Count(i => i.State == ItemState.Failed));
        return true;
    }

    async Task DispatchAsync()
    {
        if (_spec is null || _cancelled || CheckFinished()) return;
        await CheckMasksAsync();
        _nodes = await GrainFactory.GetGrain<INodeDirectoryGrain>(0).GetNodesAsync();
        RequeueLostItems();
        var open = _nodes.Where(n => n.Free > 0).Select(n => n.NodeId).ToList();
        while (open.Count > 0)
        {
            foreach (var node in open.ToList())
            {
                var item = _items.FirstOrDefault(i => i.State == ItemState.Queued);
                if (item is null) return;
                if (!await TryDispatchAsync(item, node)) open.Remove(node);
            }
        }
    }

    async Task<bool> TryDispatchAsync(JobItemRecord item, string node)
    {
        var work = new WorkItem(Guid.NewGuid(), _spec!.JobId, item.Spec, item.OutputName, _spec.Options);
        try
        {
            if (!await GrainFactory.GetGrain<IGpuNodeGrain>(node).TryAcceptAsync(work)) return false;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Node {Node} refused item {Item}", node, item.Spec.ItemId);
            return false;
        }
        item.Dispatched(work.DispatchId, node, _spec.Options.TotalIterations(), DateTimeOffset.UtcNow);
        return true;
    }

    /// <summary>Colour-label masks (gatys, photo) are checked up front; STROTSS guidance images are read by the engine.</summary>
    async Task CheckMasksAsync()
    {
        if (_spec!.Options.Method == StyleTransfer.Engine.Methods.StyleMethod.Strotss) return;
        foreach (var item in _items.Where(i => i.State == ItemState.Queued && i.Spec.HasMasks && !i.MasksChecked))
        {
            var spec = item.Spec;
            var request = new SegmentationRequest(spec.ContentPath, spec.ContentMaskPath!, spec.Styles[0].Path, spec.StyleMaskPath!);
            var result = await GrainFactory.GetGrain<ISegmentationGrain>(request.Key()).AnalyzeAsync(request);
            if (result.IsValid) item.MasksChecked = true;
            else item.Fail(result.Error!, DateTimeOffset.UtcNow);
        }
        CheckFinished();
    }

    void RequeueLostItems()
    {
        var live = _nodes.Select(n => n.NodeId).ToHashSet();
        foreach (var item in _items.Where(i => i.State == ItemState.Running && !live.Contains(i.Node!)))
        {
            if (item.Attempts >= MaxAttempts)
                item.Fail($"node {item.Node} left the cluster during attempt {item.Attempts} of {MaxAttempts}", DateTimeOffset.UtcNow);
            else
                item.Requeue();
        }
    }
}
