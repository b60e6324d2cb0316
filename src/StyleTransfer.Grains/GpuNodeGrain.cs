using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StyleTransfer.Contracts;
using StyleTransfer.Engine;
using TorchSharp;

namespace StyleTransfer.Grains;

/// <summary>A silo's compute node: bounds concurrent optimizations and starts each accepted one on this silo.</summary>
[NodeLocalPlacement, CollectionAgeLimit(AlwaysActive = true)]
public sealed class GpuNodeGrain(IOptions<GpuNodeOptions> options, ILogger<GpuNodeGrain> logger) : Grain, IGpuNodeGrain
{
    readonly GpuNodeOptions _options = options.Value;
    readonly Dictionary<Guid, WorkItem> _inFlight = [];
    // Released (the slot is free) but the page has not had the outcome yet: still the page's dispatch.
    readonly Dictionary<Guid, NodeDispatch> _reporting = [];
    Guid? _training;
    torch.Device _device = torch.CPU;
    string _deviceDescription = "";
    long? _freeBytes;
    int _lastMaxSize = 512;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _device = TorchDevices.Select(_options.Device);
        _deviceDescription = TorchDevices.Describe(_device, _options.TorchThreads);
        _freeBytes = NodeCapacity.FreeCudaBytes(_device);
        var device = _device;
        StyleTransferMetrics.DeviceMemory(() => NodeCapacity.FreeCudaBytes(device));
        logger.LogInformation("Node {Node} on {Device}, capacity {Capacity} at {Size} px",
            this.GetPrimaryKeyString(), _deviceDescription, Capacity(_lastMaxSize), _lastMaxSize);
        return Task.CompletedTask;
    }

    int Capacity(int maxSize) => NodeCapacity.For(_options, _device, _freeBytes, maxSize);

    // A training holds the whole node: it shows as full.
    public Task<NodeInfo> GetInfoAsync() => Task.FromResult(new NodeInfo(this.GetPrimaryKeyString(), _deviceDescription,
        Capacity(_lastMaxSize), _training is null ? _inFlight.Count : Math.Max(1, Capacity(_lastMaxSize))));

    public async Task<bool> TryAcceptAsync(WorkItem work)
    {
        if (_inFlight.ContainsKey(work.DispatchId)) return true;
        _lastMaxSize = work.Options.Shared.MaxSize;
        if (_training is not null || _inFlight.Count >= Capacity(work.Options.Shared.MaxSize)) return false;
        _inFlight[work.DispatchId] = work;
        StyleTransferMetrics.NodeInFlight(_inFlight.Count);
        logger.LogDebug("Dispatch {Dispatch} of item {Item} ({Page}) accepted", work.DispatchId, work.Item.ItemId, work.PageKey);
        try
        {
            await GrainFactory.GetGrain<IOptimizerGrain>(work.DispatchId).StartAsync(work, this.GetPrimaryKeyString());
        }
        catch (Exception e)
        {
            _inFlight.Remove(work.DispatchId);
            StyleTransferMetrics.NodeInFlight(_inFlight.Count);
            logger.LogDebug("Dispatch {Dispatch} of item {Item} did not start: {Error}", work.DispatchId, work.Item.ItemId, e.Message);
            throw;
        }
        return true;
    }

    public async Task<bool> TryAcceptTrainingAsync(TrainingWork work)
    {
        if (_training == work.DispatchId) return true;
        if (_training is not null || _inFlight.Count > 0) return false;
        _training = work.DispatchId;
        try
        {
            await GrainFactory.GetGrain<ITrainerGrain>(work.DispatchId).StartAsync(work, this.GetPrimaryKeyString());
        }
        catch
        {
            _training = null;
            throw;
        }
        return true;
    }

    public Task ReleaseAsync(Guid dispatchId, ItemOutcome? outcome)
    {
        if (_training == dispatchId) _training = null;
        if (_inFlight.Remove(dispatchId, out var work)) _reporting[dispatchId] = new NodeDispatch(work, outcome);
        StyleTransferMetrics.NodeInFlight(_inFlight.Count);
        logger.LogDebug("Dispatch {Dispatch} of item {Item} released", dispatchId, work?.Item.ItemId);
        return Task.CompletedTask;
    }

    public Task ReportedAsync(Guid dispatchId)
    {
        _reporting.Remove(dispatchId, out var work);
        if (_inFlight.Remove(dispatchId, out var unreleased)) StyleTransferMetrics.NodeInFlight(_inFlight.Count); // its release was lost
        logger.LogDebug("Dispatch {Dispatch} of item {Item} reported", dispatchId, (work?.Work ?? unreleased)?.Item.ItemId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<NodeDispatch>> GetDispatchesAsync(string pageKey) => Task.FromResult<IReadOnlyList<NodeDispatch>>(
        _inFlight.Values.Select(w => new NodeDispatch(w, null)).Concat(_reporting.Values).Where(d => d.Work.PageKey == pageKey).ToList());
}
