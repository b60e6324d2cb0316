using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StyleTransfer.Contracts;
using StyleTransfer.Engine.Methods;

namespace StyleTransfer.Grains;

/// <summary>
/// One page of a job: durable item states, dispatch to nodes with free capacity (the node with the most free
/// slots first), re-dispatch of items whose node left the cluster, retries with backoff for transient failures.
/// State is written on a short timer when it changed, at once after a dispatch round that started something and when
/// the page completes; not on every outcome. An activation after the first (its silo died, or it was collected) first
/// takes from the nodes the dispatches still under way (<see cref="ResumeDispatchesAsync"/>), so that nothing running
/// elsewhere runs twice; an item whose outcome reached only the lost activation runs again and is skipped by its
/// parameters hash.
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
public sealed class JobPageGrain(
    [PersistentState("page", StorageNames.Jobs)] IPersistentState<JobPageState> state,
    IOptions<JobOptions> jobOptions,
    ILogger<JobPageGrain> logger) : Grain, IJobPageGrain
{
    readonly JobOptions _options = jobOptions.Value;
    IGrainTimer? _timer;
    bool _dirty;
    bool _dispatching;
    bool _resumed;
    DateTimeOffset _nextAudit;
    PageCounts? _reported;

    List<PageItem> Items => state.State.Items;

    public Task InitializeAsync(JobPageDefinition definition)
    {
        if (state.RecordExists || Items.Count > 0) return Task.CompletedTask;
        var now = DateTimeOffset.UtcNow;
        state.State.JobId = definition.JobId;
        state.State.Page = definition.Page;
        state.State.Options = definition.Options;
        state.State.Overwrite = definition.Overwrite;
        for (int i = 0; i < definition.Items.Count; i++)
            Items.Add(new PageItem { Spec = definition.Items[i], OutputName = definition.OutputNames[i] });
        foreach (var rejected in definition.Rejected)
        {
            var item = new PageItem { Spec = new JobItemSpec(rejected.ItemId, "", Array.Empty<StyleSpec>(), rejected.OutputName), OutputName = rejected.OutputName };
            item.Fail(rejected.Reason, now);
            Items.Add(item);
        }
        return state.WriteStateAsync();
    }

    public async Task<PageCounts> RunAsync()
    {
        if (Items.Count == 0) throw new InvalidOperationException($"page {this.GetPrimaryKeyString()} was never initialized");
        if (_timer is null && !IsComplete)
            _timer = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(_options.PageTick, _options.PageTick) { KeepAlive = true });
        await TickAsync();
        return Counts();
    }

    public Task<IReadOnlyList<ItemStatus>> GetItemsAsync() =>
        Task.FromResult<IReadOnlyList<ItemStatus>>(Items.Select(i => i.ToStatus()).ToList());

    public async Task CancelAsync()
    {
        await ResumeDispatchesAsync(await NodesAsync());
        var now = DateTimeOffset.UtcNow;
        foreach (var item in Items.Where(i => i.State == ItemState.Queued)) item.Cancel(now);
        _dirty = true;
        await Task.WhenAll(Items.Where(i => i.DispatchId is not null)
            .Select(i => GrainFactory.GetGrain<IOptimizerGrain>(i.DispatchId!.Value).CancelAsync()));
        await TickAsync();
    }

    public Task ReportProgressAsync(Guid dispatchId, int iteration, int totalIterations)
    {
        Items.FirstOrDefault(i => i.DispatchId == dispatchId)?.Progress(iteration, totalIterations);
        return Task.CompletedTask;
    }

    public async Task ReportFinishedAsync(ItemOutcome outcome)
    {
        // No node round-trip before taking an outcome: a dying node must not hold reports past their senders'
        // timeouts. An outcome of a dispatch this activation does not know yet is adopted (Adopt) or left to the audit.
        if (!TakeOutcome(outcome)) return;
        await DispatchAsync();
        if (IsComplete) await TickAsync();
    }

    /// <summary>Applies a dispatch's outcome to its item (retried later when transient); false when it concerns no item of this page any more.</summary>
    bool TakeOutcome(ItemOutcome outcome)
    {
        var item = Items.FirstOrDefault(i => i.DispatchId == outcome.DispatchId) ?? Adopt(outcome);
        if (item is null) return false;
        var now = DateTimeOffset.UtcNow;
        if (outcome.Transient && item.Attempts < _options.MaxAttempts)
        {
            var delay = _options.RetryDelay(item.Attempts);
            logger.LogWarning("Item {Item} failed transiently (attempt {Attempt}): {Reason}; retrying in {Delay}",
                item.Spec.ItemId, item.Attempts, outcome.FailureReason, delay);
            item.Requeue(now + delay, outcome.FailureReason);
        }
        else
        {
            var final = outcome.Transient ? outcome with { FailureReason = $"{outcome.FailureReason} (gave up after {item.Attempts} attempts)" } : outcome;
            item.Finished(final, now);
            StyleTransferMetrics.ItemFinished(final.State, item.StartedAt, now, item.TotalIterations);
        }
        _dirty = true;
        return true;
    }

    /// <summary>
    /// The item of a dispatch this page no longer runs (queued again since, e.g. when its node seemed gone), if that
    /// dispatch left the item's output in the store and the item is not final: the page takes that outcome rather
    /// than compute the output again, and stops the item's current dispatch. Other outcomes of it are ignored.
    /// </summary>
    PageItem? Adopt(ItemOutcome outcome)
    {
        if (outcome.State is not (ItemState.Succeeded or ItemState.Skipped)) return null;
        var item = Items.FirstOrDefault(i => i.Spec.ItemId == outcome.ItemId && !i.State.IsFinal());
        if (item is null) return null;
        logger.LogInformation("Item {Item}: took the outcome of its earlier dispatch {Dispatch}", item.Spec.ItemId, outcome.DispatchId);
        if (item.DispatchId is Guid current) GrainFactory.GetGrain<IOptimizerGrain>(current).CancelAsync().Ignore();
        return item;
    }

    bool IsComplete => Items.All(i => i.State.IsFinal());

    PageCounts Counts()
    {
        int queued = 0, running = 0, succeeded = 0, failed = 0, skipped = 0, cancelled = 0, computed = 0;
        double seconds = 0;
        foreach (var item in Items)
        {
            switch (item.State)
            {
                case ItemState.Queued: queued++; break;
                case ItemState.Running: running++; break;
                case ItemState.Succeeded:
                    succeeded++;
                    if (item.StartedAt is { } start && item.FinishedAt is { } end) { seconds += (end - start).TotalSeconds; computed++; }
                    break;
                case ItemState.Failed: failed++; break;
                case ItemState.Skipped: skipped++; break;
                case ItemState.Cancelled: cancelled++; break;
            }
        }
        return new PageCounts(state.State.Page, Items.Count, queued, running, succeeded, failed, skipped, seconds, computed) { Cancelled = cancelled };
    }

    async Task TickAsync()
    {
        if (!IsComplete) await DispatchAsync();
        await PersistAsync();
        var counts = Counts();
        StyleTransferMetrics.PageQueue(this.GetPrimaryKeyString(), counts.Queued);
        if (counts != _reported)
        {
            _reported = counts;
            GrainFactory.GetGrain<IJobGrain>(state.State.JobId).ReportPageAsync(counts).Ignore();
        }
        if (IsComplete && !_dirty)
        {
            _timer?.Dispose();
            _timer = null;
            StyleTransferMetrics.PageQueue(this.GetPrimaryKeyString(), 0);
            DeactivateOnIdle();
        }
    }

    async Task PersistAsync()
    {
        if (!_dirty) return;
        try
        {
            await state.WriteStateWithRecoveryAsync();
            _dirty = false;
        }
        catch (Exception e)
        {
            // Storage unreachable: keep the changes in memory and try again on the next tick.
            logger.LogWarning("Writing page {Page} failed, will retry: {Error}", this.GetPrimaryKeyString(), e.Message);
        }
    }

    async Task DispatchAsync()
    {
        // Items are marked dispatched only once a node accepted them, so two rounds must never overlap. Turns of this
        // grain do not interleave today; the guard keeps it so if a call path ever becomes reentrant.
        if (_dispatching) return;
        _dispatching = true;
        try
        {
            var nodes = await NodesAsync();
            await ResumeDispatchesAsync(nodes);
            await CheckMasksAsync();
            RequeueLostItems(nodes);
            var open = nodes.Where(n => n.Free > 0).OrderByDescending(n => n.Free).Select(n => n.NodeId).ToList();
            var now = DateTimeOffset.UtcNow;
            bool dispatched = false;
            while (open.Count > 0)
            {
                foreach (var node in open.ToList())
                {
                    var item = Items.FirstOrDefault(i => i.IsReady(now));
                    if (item is null)
                    {
                        open.Clear();
                        break;
                    }
                    if (await TryDispatchAsync(item, node)) dispatched = true;
                    else open.Remove(node);
                }
            }
            // Written now, not on the next tick: should this activation be lost, the next one must know the attempt
            // and its node (a dispatch to a node that is lost too is known nowhere else).
            if (dispatched)
            {
                _dirty = true;
                await PersistAsync();
            }
        }
        finally
        {
            _dispatching = false;
        }
    }

    async Task<bool> TryDispatchAsync(PageItem item, string node)
    {
        var options = item.Spec.OptionsOr(state.State.Options!);
        var work = new WorkItem(Guid.NewGuid(), state.State.JobId, this.GetPrimaryKeyString(), item.Spec, item.OutputName, options)
        {
            Overwrite = state.State.Overwrite,
        };
        try
        {
            if (!await GrainFactory.GetGrain<IGpuNodeGrain>(node).TryAcceptAsync(work)) return false;
        }
        catch (Exception e)
        {
            // The node or its optimizer could not start (e.g. its engine failed): that counts as an attempt, so an
            // item never waits forever for a node that cannot run it.
            logger.LogWarning("Node {Node} could not start item {Item}: {Error}", node, item.Spec.ItemId, e.Message);
            var now = DateTimeOffset.UtcNow;
            var reason = $"node {node} could not start it: {FailureReasons.Describe(e.GetBaseException())}";
            item.Attempts++;
            if (item.Attempts >= _options.MaxAttempts) item.Fail($"{reason} (gave up after {item.Attempts} attempts)", now);
            else item.Requeue(now + _options.RetryDelay(item.Attempts), reason);
            _dirty = true;
            return false;
        }
        // The optimizer's report cannot arrive before this: the page is not reentrant.
        item.Dispatched(work.DispatchId, node, MethodSpecMapping.ToEngine(options).TotalIterations(), DateTimeOffset.UtcNow);
        return true;
    }

    /// <summary>Colour-label masks are checked up front; guidance images are read by the engine.</summary>
    async Task CheckMasksAsync()
    {
        foreach (var item in Items.Where(i => i.State == ItemState.Queued && i.Spec.HasMasks && !i.MasksChecked
                     && MethodRegistry.Get(i.Spec.OptionsOr(state.State.Options!).Method).Masks == MaskMeaning.ColorLabels))
        {
            var spec = item.Spec;
            var request = new SegmentationRequest(spec.ContentPath, spec.ContentMaskPath!, spec.Styles[0].Path, spec.StyleMaskPath!);
            var result = await GrainFactory.GetGrain<ISegmentationGrain>(request.Key()).AnalyzeAsync(request);
            if (result.IsValid) item.MasksChecked = true;
            else item.Fail(result.Error!, DateTimeOffset.UtcNow);
            _dirty = true;
        }
    }

    /// <summary>
    /// First in every activation, before it dispatches, then every <see cref="JobOptions.PageAudit"/>: an earlier
    /// activation's dispatches may still run, or be reporting, on their nodes, and its stored state may lag behind them;
    /// a report may have been lost. An outcome a node kept is taken here and the node told to forget it. An item a live
    /// node holds runs on there; a Running item none holds is queued again (its outcome went to an earlier activation
    /// and was lost with it). Items of nodes that left are <see cref="RequeueLostItems"/>'s; those of a node that did
    /// not answer stay as they are until the next call asks again.
    /// </summary>
    async Task ResumeDispatchesAsync(IReadOnlyList<NodeInfo> nodes)
    {
        if (_resumed && DateTimeOffset.UtcNow < _nextAudit) return;
        var held = await Task.WhenAll(nodes.Select(n => DispatchesOnAsync(n.NodeId)));
        var running = new Dictionary<string, (WorkItem Work, string Node)>();
        for (int n = 0; n < nodes.Count; n++)
        {
            foreach (var dispatch in held[n] ?? [])
            {
                if (dispatch.Outcome is null)
                {
                    running.TryAdd(dispatch.Work.Item.ItemId, (dispatch.Work, nodes[n].NodeId));
                    continue;
                }
                if (TakeOutcome(dispatch.Outcome))
                    logger.LogInformation("Item {Item}: took the outcome of dispatch {Dispatch} from node {Node}, its report lost",
                        dispatch.Work.Item.ItemId, dispatch.Work.DispatchId, nodes[n].NodeId);
                GrainFactory.GetGrain<IGpuNodeGrain>(nodes[n].NodeId).ReportedAsync(dispatch.Work.DispatchId).Ignore();
            }
        }
        var answered = nodes.Where((_, n) => held[n] is not null).Select(n => n.NodeId).ToHashSet();
        var now = DateTimeOffset.UtcNow;
        foreach (var item in Items.Where(i => !i.State.IsFinal()))
        {
            if (running.TryGetValue(item.Spec.ItemId, out var dispatch))
            {
                if (item.State == ItemState.Running && item.DispatchId == dispatch.Work.DispatchId) continue;
                logger.LogInformation("Item {Item}: runs on as dispatch {Dispatch} on node {Node}", item.Spec.ItemId, dispatch.Work.DispatchId, dispatch.Node);
                item.Resume(dispatch.Work.DispatchId, dispatch.Node, MethodSpecMapping.ToEngine(dispatch.Work.Options).TotalIterations(), now);
            }
            else if (item.State == ItemState.Running && answered.Contains(item.Node!))
            {
                logger.LogInformation("Item {Item}: no node holds its dispatch {Dispatch} any more; queued again", item.Spec.ItemId, item.DispatchId);
                item.Requeue();
            }
            else
                continue;
            _dirty = true;
        }
        _resumed = answered.Count == nodes.Count;
        _nextAudit = now + _options.PageAudit;
    }

    Task<IReadOnlyList<NodeInfo>> NodesAsync() => GrainFactory.GetGrain<INodeDirectoryGrain>(0).GetNodesAsync();

    async Task<IReadOnlyList<NodeDispatch>?> DispatchesOnAsync(string node)
    {
        try
        {
            return await GrainFactory.GetGrain<IGpuNodeGrain>(node).GetDispatchesAsync(this.GetPrimaryKeyString());
        }
        catch (Exception e)
        {
            logger.LogWarning("Node {Node} did not list the dispatches of page {Page}: {Error}", node, this.GetPrimaryKeyString(), e.Message);
            return null;
        }
    }

    void RequeueLostItems(IReadOnlyList<NodeInfo> nodes)
    {
        var live = nodes.Select(n => n.NodeId).ToHashSet();
        foreach (var item in Items.Where(i => i.State == ItemState.Running && !live.Contains(i.Node!)))
        {
            logger.LogInformation("Item {Item}: its node {Node} left the cluster during attempt {Attempt}", item.Spec.ItemId, item.Node, item.Attempts);
            if (item.Attempts >= _options.MaxAttempts)
                item.Fail($"node {item.Node} left the cluster during attempt {item.Attempts} of {_options.MaxAttempts}", DateTimeOffset.UtcNow);
            else
                item.Requeue();
            _dirty = true;
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        StyleTransferMetrics.PageQueue(this.GetPrimaryKeyString(), 0);
        await PersistAsync();
    }
}
