using StyleTransfer.Engine.Methods;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using StyleTransfer.Engine;
using StyleTransfer.Engine.Methods.Gatys;

namespace StyleTransfer.Grains.Tests.Fakes;

/// <summary>
/// A scriptable stand-in for the stylization engine, shared by the silos of a <see cref="FakeCluster"/>: each node
/// gets its own view (<see cref="On"/>) so that calls are logged with the node that made them. An item (named by its
/// content file without extension) runs its scripted <see cref="FakeStep"/>s in order, one per call, then
/// <see cref="Default"/>. No TorchSharp work: a call takes milliseconds, or as long as the test holds it.
/// </summary>
public sealed class FakeEngine : IDisposable
{
    static readonly byte[] TinyPng = EncodeTinyPng();

    readonly Lock _lock = new();
    readonly Dictionary<string, Queue<FakeStep>> _scripts = [];
    readonly Dictionary<string, NodeState> _nodes = [];
    readonly List<FakeCall> _calls = [];
    readonly CancellationTokenSource _disposed = new();

    /// <summary>What a call does once its item's script is used up.</summary>
    public FakeStep Default { get; set; } = FakeStep.Succeed();

    public void Script(string item, params FakeStep[] steps)
    {
        lock (_lock) _scripts[item] = new Queue<FakeStep>(steps);
    }

    public IStylizationEngine On(string node)
    {
        lock (_lock) _nodes.TryAdd(node, new NodeState());
        return new NodeEngine(this, node);
    }

    public IReadOnlyList<FakeCall> Calls
    {
        get { lock (_lock) return _calls.ToList(); }
    }

    public IReadOnlyList<FakeCall> CallsOf(string item) => Calls.Where(c => c.Item == item).ToList();

    /// <summary>The most calls that ran at once on <paramref name="node"/>.</summary>
    public int MaxConcurrent(string node)
    {
        lock (_lock) return _nodes.TryGetValue(node, out var state) ? state.MaxRunning : 0;
    }

    /// <summary>Lets the calls held on <paramref name="node"/> (<see cref="FakeStep.Hold"/>), now and later, succeed.</summary>
    public void Release(string node) => Node(node).Released.Cancel();

    /// <summary>
    /// The node's process is gone: its running calls never return to their silo (they end only when this engine is
    /// disposed) and it takes no new ones. Pair it with killing the node's silo.
    /// </summary>
    public void Kill(string node) => Node(node).Killed.Cancel();

    /// <summary>Polls <paramref name="condition"/> over the call log until it holds.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<FakeCall>, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition(Calls))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"fake engine: {what} did not happen; calls: {string.Join("; ", Calls)}");
            await Task.Delay(10);
        }
    }

    NodeState Node(string node)
    {
        lock (_lock) return _nodes[node];
    }

    FakeCall Begin(string node, string item)
    {
        lock (_lock)
        {
            var step = _scripts.TryGetValue(item, out var script) && script.Count > 0 ? script.Dequeue() : Default;
            var call = new FakeCall(node, item, step);
            _calls.Add(call);
            var state = _nodes[node];
            state.Running++;
            state.MaxRunning = Math.Max(state.MaxRunning, state.Running);
            return call;
        }
    }

    void End(FakeCall call, string outcome)
    {
        lock (_lock)
        {
            call.Outcome = outcome;
            _nodes[call.Node].Running--;
        }
    }

    StylizeResult Run(string node, StylizeRequest request, IProgress<StylizeProgress>? progress, CancellationToken cancellationToken)
    {
        var state = Node(node);
        if (state.Killed.IsCancellationRequested) throw new InvalidOperationException($"fake node {node} is dead");
        var call = Begin(node, Path.GetFileNameWithoutExtension(request.ContentPath));
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, state.Killed.Token, _disposed.Token);
        try
        {
            const int total = 4;
            switch (call.Step)
            {
                case FakeStep.SucceedStep succeed:
                    progress?.Report(new StylizeProgress(total / 2, total, 1, 1, 1.0));
                    wake.Token.WaitHandle.WaitOne(succeed.Delay);
                    break;
                case FakeStep.InterruptStep:
                    End(call, "interrupted");
                    throw new OperationCanceledException("the optimization was interrupted");
                case FakeStep.InvalidInputStep invalid:
                    End(call, "invalid input");
                    throw new InvalidInputException(request.ContentPath, invalid.Message);
                case FakeStep.BlockStep:
                    wake.Token.WaitHandle.WaitOne();
                    break;
                case FakeStep.HoldStep:
                    using (var held = CancellationTokenSource.CreateLinkedTokenSource(wake.Token, state.Released.Token))
                        held.Token.WaitHandle.WaitOne();
                    break;
            }
            if (state.Killed.IsCancellationRequested)
            {
                // A dead process returns nothing: stay blocked until the test is over.
                _disposed.Token.WaitHandle.WaitOne();
                throw new OperationCanceledException("fake engine disposed");
            }
            if (cancellationToken.IsCancellationRequested || _disposed.IsCancellationRequested)
            {
                End(call, "cancelled");
                throw new OperationCanceledException(cancellationToken);
            }
            progress?.Report(new StylizeProgress(total, total, 1, 1, 0.5));
            End(call, "succeeded");
            return new StylizeResult(TinyPng, 2, 2, 0.5, TimeSpan.FromMilliseconds(1), $"fake ({node})", total);
        }
        catch (Exception) when (call.Outcome is null && !state.Killed.IsCancellationRequested)
        {
            End(call, "failed");
            throw;
        }
    }

    static byte[] EncodeTinyPng()
    {
        using var image = new Image<Rgb24>(2, 2, new Rgb24(10, 20, 30));
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    public void Dispose() => _disposed.Cancel();

    sealed class NodeState
    {
        public int Running;
        public int MaxRunning;
        public readonly CancellationTokenSource Released = new();
        public readonly CancellationTokenSource Killed = new();
    }

    sealed class NodeEngine(FakeEngine engine, string node) : IStylizationEngine
    {
        public string DeviceDescription => $"fake ({node})";

        public StylizeResult Stylize(StylizeRequest request, IProgress<StylizeProgress>? progress = null,
            Action<int, byte[]>? snapshot = null, CancellationToken cancellationToken = default) =>
            engine.Run(node, request, progress, cancellationToken);

        public LabelMapPair SegmentAutomatically(string contentPath, string stylePath, StylizeOptions options) =>
            throw new NotSupportedException("the fake engine does not segment");
    }
}
