using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace StyleTransfer.Engine.Backbones.Onnx;

/// <summary>Executes a <see cref="CnnGraph"/> on one device with frozen weights; differentiable with respect to the input.</summary>
public sealed class CnnRunner : IDisposable
{
    readonly CnnGraph _graph;
    readonly Tensor?[] _weights;
    readonly Tensor?[] _biases;
    readonly Dictionary<string, int> _producer;
    readonly int[] _lastUse;

    public CnnRunner(CnnGraph graph, Device device)
    {
        _graph = graph;
        _weights = new Tensor?[graph.Ops.Count];
        _biases = new Tensor?[graph.Ops.Count];
        for (int k = 0; k < graph.Ops.Count; k++)
        {
            if (graph.Ops[k] is not ConvOp conv) continue;
            _weights[k] = Frozen(conv.Weight, conv.WeightShape, device);
            _biases[k] = Frozen(conv.Bias, [conv.OutChannels], device);
        }
        _producer = graph.Ops.Select((op, k) => (op.Output, k)).ToDictionary(p => p.Output, p => p.k);
        _lastUse = new int[graph.Ops.Count];
        for (int k = 0; k < graph.Ops.Count; k++)
        {
            _lastUse[k] = k;
            for (int j = k + 1; j < graph.Ops.Count; j++)
                if (graph.Ops[j].Inputs.Contains(graph.Ops[k].Output)) _lastUse[k] = j;
        }
    }

    static Tensor Frozen(float[] data, long[] shape, Device device)
    {
        // Held for the runner's lifetime, so kept out of any dispose scope the caller has open.
        using var cpu = tensor(data, shape);
        return cpu.to(device).detach().requires_grad_(false).DetachFromDisposeScope();
    }

    /// <summary>Index of the op producing <paramref name="value"/>.</summary>
    public int ProducerOf(string value) => _producer.TryGetValue(value, out var k)
        ? k
        : throw new ArgumentException($"no op produces '{value}'", nameof(value));

    /// <summary>
    /// Runs the ops up to the producers of <paramref name="wanted"/> and returns those values. Intermediates are
    /// released as soon as no later op needs them (autograd keeps what backward needs).
    /// </summary>
    public Dictionary<string, Tensor> Run(Tensor input, IReadOnlyCollection<string> wanted)
    {
        var result = new Dictionary<string, Tensor>();
        if (wanted.Count == 0) return result;
        int last = wanted.Max(ProducerOf);
        var live = new Dictionary<string, Tensor> { [_graph.Input] = input };
        try
        {
            for (int k = 0; k <= last; k++)
            {
                var op = _graph.Ops[k];
                var output = Apply(k, op, live);
                live[op.Output] = output;
                if (wanted.Contains(op.Output)) result[op.Output] = output;
                foreach (var name in op.Inputs.Distinct())
                {
                    if (name == _graph.Input || wanted.Contains(name)) continue;
                    if (_lastUse[_producer[name]] <= k && live.Remove(name, out var dead)) dead.Dispose();
                }
            }
        }
        finally
        {
            foreach (var (name, t) in live)
                if (name != _graph.Input && !result.ContainsKey(name)) t.Dispose();
        }
        return result;
    }

    Tensor Apply(int k, CnnOp op, Dictionary<string, Tensor> live)
    {
        var x = live[op.Inputs[0]];
        switch (op)
        {
            case ConvOp conv:
            {
                var p = conv.Padding.For(x.shape[2], x.shape[3], conv.KernelH, conv.KernelW, conv.StrideH, conv.StrideW);
                if (p.IsSymmetric)
                    return F.conv2d(x, _weights[k]!, _biases[k], strides: [conv.StrideH, conv.StrideW], padding: [p.Top, p.Left]);
                using (var padded = F.pad(x, p.ForTorchPad))
                    return F.conv2d(padded, _weights[k]!, _biases[k], strides: [conv.StrideH, conv.StrideW]);
            }
            case ReluOp:
                return F.relu(x);
            case MaxPoolOp pool:
            {
                var p = pool.Padding.For(x.shape[2], x.shape[3], pool.KernelH, pool.KernelW, pool.StrideH, pool.StrideW);
                if (p.IsSymmetric) // torch pads max-pool windows with -inf itself
                    return F.max_pool2d(x, [pool.KernelH, pool.KernelW], [pool.StrideH, pool.StrideW], [p.Top, p.Left]);
                using (var padded = F.pad(x, p.ForTorchPad, value: double.NegativeInfinity))
                    return F.max_pool2d(padded, [pool.KernelH, pool.KernelW], [pool.StrideH, pool.StrideW]);
            }
            case AddOp add:
                return x.add(live[add.B]);
            case GlobalAveragePoolOp:
                return x.mean([2L, 3L], keepdim: true);
            default:
                throw new NotSupportedException(op.GetType().Name);
        }
    }

    public void Dispose()
    {
        foreach (var t in _weights) t?.Dispose();
        foreach (var t in _biases) t?.Dispose();
    }
}
