using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using StyleTransfer.Contracts;

namespace StyleTransfer.Grains;

/// <summary>
/// The silo's metrics (meter "StyleTransfer", exported by the silo host, e.g. as Prometheus): items finished by
/// state, seconds per item and per iteration, queue depth of the pages active on this silo, work in flight on this
/// silo's node, and its device's free memory.
/// </summary>
public static class StyleTransferMetrics
{
    public const string MeterName = "StyleTransfer";

    static readonly Meter Meter = new(MeterName);
    static readonly Counter<long> Items = Meter.CreateCounter<long>("styletransfer.items", "{item}", "Items finished, by state");
    static readonly Histogram<double> ItemSeconds = Meter.CreateHistogram<double>("styletransfer.item.duration", "s", "Wall time of a computed item");
    static readonly Histogram<double> IterationSeconds = Meter.CreateHistogram<double>("styletransfer.iteration.duration", "s", "Mean wall time of one optimizer iteration of an item");
    static readonly ConcurrentDictionary<string, int> Queues = new();
    static int _inFlight;
    static Func<long?> _freeDeviceBytes = () => null;

    static StyleTransferMetrics()
    {
        Meter.CreateObservableGauge("styletransfer.queue.depth", () => Queues.Values.Sum(), "{item}", "Queued items of the job pages active on this silo");
        Meter.CreateObservableGauge("styletransfer.node.in_flight", () => Volatile.Read(ref _inFlight), "{item}", "Items running on this silo's node");
        Meter.CreateObservableGauge("styletransfer.device.memory.free", () =>
            _freeDeviceBytes() is long free ? [new Measurement<long>(free)] : Array.Empty<Measurement<long>>(), "By", "Free memory of this silo's GPU");
    }

    public static void ItemFinished(ItemState state, DateTimeOffset? startedAt, DateTimeOffset finishedAt, int iterations)
    {
        Items.Add(1, new KeyValuePair<string, object?>("state", state.ToString().ToLowerInvariant()));
        if (state != ItemState.Succeeded || startedAt is not { } start) return;
        double seconds = (finishedAt - start).TotalSeconds;
        ItemSeconds.Record(seconds);
        if (iterations > 0) IterationSeconds.Record(seconds / iterations);
    }

    public static void PageQueue(string page, int queued)
    {
        if (queued == 0) Queues.TryRemove(page, out _);
        else Queues[page] = queued;
    }

    public static void NodeInFlight(int count) => Volatile.Write(ref _inFlight, count);

    public static void DeviceMemory(Func<long?> freeBytes) => _freeDeviceBytes = freeBytes;
}
