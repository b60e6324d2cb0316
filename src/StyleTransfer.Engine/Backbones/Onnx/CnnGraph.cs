namespace StyleTransfer.Engine.Backbones.Onnx;

/// <summary>Explicit per-side padding; ONNX orders it [top, left, bottom, right], torch's F.pad wants (left, right, top, bottom).</summary>
public readonly record struct Padding2d(int Top, int Left, int Bottom, int Right)
{
    public bool IsSymmetric => Top == Bottom && Left == Right;

    public bool IsZero => Top == 0 && Left == 0 && Bottom == 0 && Right == 0;

    public long[] ForTorchPad => [Left, Right, Top, Bottom];

    /// <summary>
    /// The padding to use for an input of h×w. CNTK exports "same" padding as fixed asymmetric pads computed for
    /// the export size (224 px); for other sizes they give a conv branch and its strided shortcut different shapes.
    /// Asymmetric pads are therefore recomputed as CNTK's "same" for the actual size: total = max((⌈n/s⌉−1)·s + k − n, 0),
    /// the larger half before. At 224 px this reproduces the file's pads exactly; symmetric pads are kept as they are.
    /// </summary>
    public Padding2d For(long h, long w, int kernelH, int kernelW, int strideH, int strideW)
    {
        if (IsSymmetric) return this;
        static (int Before, int After) Same(long n, int k, int s)
        {
            long total = Math.Max((n + s - 1) / s - 1, 0) * s + k - n;
            total = Math.Max(total, 0);
            return ((int)((total + 1) / 2), (int)(total / 2));
        }
        var (top, bottom) = Same(h, kernelH, strideH);
        var (left, right) = Same(w, kernelW, strideW);
        return new Padding2d(top, left, bottom, right);
    }

    public static Padding2d FromOnnx(OnnxNode node, string source)
    {
        var auto = node.String("auto_pad");
        if (auto is not null and not "NOTSET")
            throw new InvalidDataException($"{source}: node '{node.Name}' uses auto_pad={auto}; only explicit pads are supported");
        var p = node.Ints("pads", [0, 0, 0, 0]);
        if (p.Length != 4) throw new InvalidDataException($"{source}: node '{node.Name}' has {p.Length} pads; expected 4 (2-D)");
        return new Padding2d((int)p[0], (int)p[1], (int)p[2], (int)p[3]);
    }
}

/// <summary>One operation of a feed-forward CNN, reading and writing named values.</summary>
public abstract record CnnOp(IReadOnlyList<string> Inputs, string Output);

/// <summary>Convolution with any following BatchNormalization already folded into <see cref="Weight"/> and <see cref="Bias"/>.</summary>
public sealed record ConvOp(
    string Input, string Output, float[] Weight, long[] WeightShape, float[] Bias, int StrideH, int StrideW, Padding2d Padding)
    : CnnOp([Input], Output)
{
    public long OutChannels => WeightShape[0];
    public long InChannels => WeightShape[1];
    public int KernelH => (int)WeightShape[2];
    public int KernelW => (int)WeightShape[3];
}

public sealed record ReluOp(string Input, string Output) : CnnOp([Input], Output);

public sealed record MaxPoolOp(string Input, string Output, int KernelH, int KernelW, int StrideH, int StrideW, Padding2d Padding)
    : CnnOp([Input], Output);

public sealed record AddOp(string A, string B, string Output) : CnnOp([A, B], Output);

/// <summary>Mean over H and W (keeps them as 1x1), which is what a k x k AveragePool without padding computes when k equals the feature map size.</summary>
public sealed record GlobalAveragePoolOp(string Input, string Output) : CnnOp([Input], Output);

/// <summary>
/// A device-independent, inference-only CNN compiled from an ONNX graph of Conv, BatchNormalization, Relu, MaxPool,
/// Add and AveragePool nodes. BatchNormalization is folded into the preceding convolution (eval mode).
/// </summary>
public sealed class CnnGraph
{
    CnnGraph(string input, IReadOnlyList<CnnOp> ops) { Input = input; Ops = ops; }

    public string Input { get; }

    /// <summary>Operations in topological order.</summary>
    public IReadOnlyList<CnnOp> Ops { get; }

    public static CnnGraph Compile(OnnxModel model)
    {
        var src = model.Source;
        if (model.Inputs.Count != 1)
            throw new InvalidDataException($"{src}: expected one data input, found {model.Inputs.Count} ({string.Join(", ", model.Inputs)})");

        var consumers = model.Nodes.SelectMany(n => n.Inputs).GroupBy(i => i).ToDictionary(g => g.Key, g => g.Count());
        var ops = new List<CnnOp>();
        var nodes = model.Nodes;
        for (int k = 0; k < nodes.Count; k++)
        {
            var n = nodes[k];
            switch (n.OpType)
            {
                case "Conv":
                {
                    var next = FindBatchNorm(nodes, n, consumers);
                    ops.Add(CompileConv(model, n, next));
                    break;
                }
                case "BatchNormalization":
                    if (!FoldedInto(n, ops))
                        throw new InvalidDataException($"{src}: BatchNormalization '{n.Name}' does not follow a convolution; cannot fold it");
                    break;
                case "Relu":
                    ops.Add(new ReluOp(n.Inputs[0], n.Outputs[0]));
                    break;
                case "MaxPool":
                {
                    var (kh, kw, sh, sw) = KernelAndStrides(n, src);
                    ops.Add(new MaxPoolOp(n.Inputs[0], n.Outputs[0], kh, kw, sh, sw, Padding2d.FromOnnx(n, src)));
                    break;
                }
                case "Add":
                    if (n.Inputs.Any(model.Initializers.ContainsKey))
                        throw new InvalidDataException($"{src}: Add '{n.Name}' with a constant operand is not supported");
                    ops.Add(new AddOp(n.Inputs[0], n.Inputs[1], n.Outputs[0]));
                    break;
                case "AveragePool":
                    if (!Padding2d.FromOnnx(n, src).IsZero)
                        throw new InvalidDataException($"{src}: padded AveragePool '{n.Name}' is not supported");
                    ops.Add(new GlobalAveragePoolOp(n.Inputs[0], n.Outputs[0]));
                    break;
                case "GlobalAveragePool":
                    ops.Add(new GlobalAveragePoolOp(n.Inputs[0], n.Outputs[0]));
                    break;
                default:
                    throw new InvalidDataException($"{src}: ONNX operator '{n.OpType}' (node '{n.Name}') is not supported by this CNN reader");
            }
        }
        return new CnnGraph(model.Inputs[0], ops);
    }

    /// <summary>The BatchNormalization that alone consumes the convolution's output, if any.</summary>
    static OnnxNode? FindBatchNorm(IReadOnlyList<OnnxNode> nodes, OnnxNode conv, Dictionary<string, int> consumers)
    {
        var output = conv.Outputs[0];
        if (consumers.GetValueOrDefault(output) != 1) return null;
        return nodes.FirstOrDefault(n => n.OpType == "BatchNormalization" && n.Inputs[0] == output);
    }

    static bool FoldedInto(OnnxNode bn, List<CnnOp> ops) => ops.OfType<ConvOp>().Any(c => c.Output == bn.Outputs[0]);

    static ConvOp CompileConv(OnnxModel model, OnnxNode n, OnnxNode? bn)
    {
        var src = model.Source;
        if (n.Int("group", 1) != 1) throw new InvalidDataException($"{src}: grouped Conv '{n.Name}' is not supported");
        if (n.Ints("dilations", [1, 1]).Any(d => d != 1)) throw new InvalidDataException($"{src}: dilated Conv '{n.Name}' is not supported");
        var w = model.Initializer(n.Inputs[1]);
        if (w.Dims.Length != 4) throw new InvalidDataException($"{src}: Conv '{n.Name}' weight '{w.Name}' is not 4-D");
        int cout = (int)w.Dims[0];
        var bias = n.Inputs.Count > 2 && n.Inputs[2] != "" ? model.Initializer(n.Inputs[2]).Data : new float[cout];
        var (_, _, sh, sw) = KernelAndStrides(n, src);
        var padding = Padding2d.FromOnnx(n, src);
        if (bn is null) return new ConvOp(n.Inputs[0], n.Outputs[0], w.Data, w.Dims, bias, sh, sw, padding);

        double eps = bn.Float("epsilon", 1e-5f);
        float[] scale = model.Initializer(bn.Inputs[1]).Data, shift = model.Initializer(bn.Inputs[2]).Data,
            mean = model.Initializer(bn.Inputs[3]).Data, variance = model.Initializer(bn.Inputs[4]).Data;
        if (scale.Length != cout || shift.Length != cout || mean.Length != cout || variance.Length != cout)
            throw new InvalidDataException($"{src}: BatchNormalization '{bn.Name}' has statistics of the wrong length for {cout} channels");

        // y = scale * (conv(x) + b - mean) / sqrt(var + eps) + shift
        var folded = new float[w.Data.Length];
        var foldedBias = new float[cout];
        int perChannel = w.Data.Length / cout;
        for (int c = 0; c < cout; c++)
        {
            double factor = scale[c] / Math.Sqrt(variance[c] + eps);
            for (int j = 0; j < perChannel; j++) folded[c * perChannel + j] = (float)(w.Data[c * perChannel + j] * factor);
            foldedBias[c] = (float)((bias[c] - mean[c]) * factor + shift[c]);
        }
        return new ConvOp(n.Inputs[0], bn.Outputs[0], folded, w.Dims, foldedBias, sh, sw, padding);
    }

    static (int kh, int kw, int sh, int sw) KernelAndStrides(OnnxNode n, string src)
    {
        var k = n.Ints("kernel_shape", [0, 0]);
        var s = n.Ints("strides", [1, 1]);
        if (k.Length != 2 || s.Length != 2) throw new InvalidDataException($"{src}: node '{n.Name}' is not a 2-D operation");
        return ((int)k[0], (int)k[1], (int)s[0], (int)s[1]);
    }

    /// <summary>
    /// Spatial size of every value and the multiply-accumulates of every op for an input of <paramref name="height"/> x
    /// <paramref name="width"/>, computed from the op parameters alone.
    /// </summary>
    public (Dictionary<string, (long C, long H, long W)> Shapes, long[] Macs) Analyze(long channels, long height, long width)
    {
        var shapes = new Dictionary<string, (long C, long H, long W)> { [Input] = (channels, height, width) };
        var macs = new long[Ops.Count];
        for (int k = 0; k < Ops.Count; k++)
        {
            var op = Ops[k];
            var (c, h, w) = shapes[op.Inputs[0]];
            (long, long, long) outShape;
            switch (op)
            {
                case ConvOp conv:
                {
                    var p = conv.Padding.For(h, w, conv.KernelH, conv.KernelW, conv.StrideH, conv.StrideW);
                    long ho = (h + p.Top + p.Bottom - conv.KernelH) / conv.StrideH + 1;
                    long wo = (w + p.Left + p.Right - conv.KernelW) / conv.StrideW + 1;
                    macs[k] = conv.OutChannels * conv.InChannels * conv.KernelH * conv.KernelW * ho * wo;
                    outShape = (conv.OutChannels, ho, wo);
                    break;
                }
                case MaxPoolOp pool:
                {
                    var p = pool.Padding.For(h, w, pool.KernelH, pool.KernelW, pool.StrideH, pool.StrideW);
                    outShape = (c,
                        (h + p.Top + p.Bottom - pool.KernelH) / pool.StrideH + 1,
                        (w + p.Left + p.Right - pool.KernelW) / pool.StrideW + 1);
                    break;
                }
                case GlobalAveragePoolOp:
                    outShape = (c, 1, 1);
                    break;
                default:
                    outShape = (c, h, w);
                    break;
            }
            shapes[op.Output] = outShape;
        }
        return (shapes, macs);
    }
}
