namespace StyleTransfer.Engine.Backbones.Onnx;

/// <summary>A float initializer of an ONNX graph (weights, biases, BN statistics, constants).</summary>
public sealed record OnnxTensor(string Name, long[] Dims, float[] Data);

/// <summary>One attribute of an ONNX node; only the fields used by image CNNs are kept.</summary>
public sealed record OnnxAttribute(string Name, int Type, float F, long I, string? S, float[] Floats, long[] Ints);

public sealed record OnnxNode(
    string Name,
    string OpType,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyDictionary<string, OnnxAttribute> Attributes)
{
    public long[] Ints(string name, long[]? fallback = null) =>
        Attributes.TryGetValue(name, out var a) ? a.Ints : fallback ?? [];

    public float Float(string name, float fallback) => Attributes.TryGetValue(name, out var a) ? a.F : fallback;

    public long Int(string name, long fallback) => Attributes.TryGetValue(name, out var a) ? a.I : fallback;

    public string? String(string name) => Attributes.TryGetValue(name, out var a) ? a.S : null;
}

/// <summary>The parts of an ONNX ModelProto needed to rebuild a network: topologically ordered nodes and float initializers.</summary>
public sealed class OnnxModel(
    string source,
    IReadOnlyList<OnnxNode> nodes,
    IReadOnlyDictionary<string, OnnxTensor> initializers,
    IReadOnlyList<string> inputs,
    IReadOnlyList<string> outputs)
{
    /// <summary>File the model was read from (for error messages).</summary>
    public string Source { get; } = source;

    public IReadOnlyList<OnnxNode> Nodes { get; } = nodes;

    public IReadOnlyDictionary<string, OnnxTensor> Initializers { get; } = initializers;

    /// <summary>Graph inputs that are not initializers (the real data inputs).</summary>
    public IReadOnlyList<string> Inputs { get; } = inputs;

    public IReadOnlyList<string> Outputs { get; } = outputs;

    public OnnxTensor Initializer(string name) => Initializers.TryGetValue(name, out var t)
        ? t
        : throw new InvalidDataException($"{Source}: initializer '{name}' not found in the ONNX graph");
}
