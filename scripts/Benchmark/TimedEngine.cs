using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine;
using StyleTransfer.Engine.Methods.Gatys;

namespace StyleTransfer.Benchmark;

/// <summary>The engine, recording when each call started and ended (wall clock, comparable with the grains' timestamps).</summary>
sealed class TimedEngine(IStylizationEngine inner) : IStylizationEngine
{
    public sealed record Call(string ContentPath, DateTimeOffset Start, DateTimeOffset End)
    {
        public TimeSpan Duration => End - Start;
    }

    readonly List<Call> _calls = [];

    public string DeviceDescription => inner.DeviceDescription;

    /// <summary>Calls since <paramref name="since"/>, in the order they started.</summary>
    public IReadOnlyList<Call> CallsSince(DateTimeOffset since)
    {
        lock (_calls) return _calls.Where(c => c.Start >= since).OrderBy(c => c.Start).ToList();
    }

    public StylizeResult Stylize(StylizeRequest request, IProgress<StylizeProgress>? progress = null,
        Action<int, byte[]>? snapshot = null, CancellationToken cancellationToken = default)
    {
        var start = DateTimeOffset.UtcNow;
        var result = inner.Stylize(request, progress, snapshot, cancellationToken);
        lock (_calls) _calls.Add(new Call(request.ContentPath, start, DateTimeOffset.UtcNow));
        return result;
    }

    public LabelMapPair SegmentAutomatically(string contentPath, string stylePath, StylizeOptions options) =>
        inner.SegmentAutomatically(contentPath, stylePath, options);
}
