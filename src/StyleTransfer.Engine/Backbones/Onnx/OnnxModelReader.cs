using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Google.Protobuf;

namespace StyleTransfer.Engine.Backbones.Onnx;

/// <summary>
/// Reads the subset of the ONNX protobuf schema (onnx.proto3) that a feed-forward CNN needs: the graph's nodes with
/// their attributes, its initializers as float arrays, and its input/output names. No generated code; field numbers
/// are those of onnx.proto.
/// </summary>
public static class OnnxModelReader
{
    const int WireVarint = 0, WireFixed64 = 1, WireLengthDelimited = 2, WireFixed32 = 5;

    public static OnnxModel Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"ONNX model not found: {path}", path);
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read ONNX model: {e.Message}", e);
        }
        return Read(bytes, path);
    }

    /// <param name="source">Name used in error messages (usually the file path).</param>
    public static OnnxModel Read(byte[] bytes, string source)
    {
        try
        {
            var model = ParseModel(new CodedInputStream(bytes), source);
            if (model.Nodes.Count == 0)
                throw new InvalidDataException($"{source}: not an ONNX model (no graph nodes found)");
            return model;
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"{source}: not a valid ONNX model (corrupt protobuf: {e.Message})", e);
        }
    }

    static OnnxModel ParseModel(CodedInputStream input, string source)
    {
        OnnxModel? graph = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (Field(tag) == 7 && Wire(tag) == WireLengthDelimited) graph = ParseGraph(Sub(input), source);
            else input.SkipLastField();
        }
        return graph ?? throw new InvalidDataException($"{source}: not an ONNX model (ModelProto has no graph)");
    }

    static OnnxModel ParseGraph(CodedInputStream input, string source)
    {
        var nodes = new List<OnnxNode>();
        var initializers = new Dictionary<string, OnnxTensor>();
        var inputs = new List<string>();
        var outputs = new List<string>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case 1: nodes.Add(ParseNode(Sub(input))); break;
                case 5:
                    var t = ParseTensor(Sub(input), source);
                    initializers[t.Name] = t;
                    break;
                case 11: inputs.Add(ParseValueInfoName(Sub(input))); break;
                case 12: outputs.Add(ParseValueInfoName(Sub(input))); break;
                default: input.SkipLastField(); break;
            }
        }
        // Older exporters (CNTK among them) also list every initializer as a graph input.
        var dataInputs = inputs.Where(i => !initializers.ContainsKey(i)).ToList();
        return new OnnxModel(source, nodes, initializers, dataInputs, outputs);
    }

    static OnnxNode ParseNode(CodedInputStream input)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new Dictionary<string, OnnxAttribute>();
        string name = "", opType = "";
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case 1: inputs.Add(input.ReadString()); break;
                case 2: outputs.Add(input.ReadString()); break;
                case 3: name = input.ReadString(); break;
                case 4: opType = input.ReadString(); break;
                case 5:
                    var a = ParseAttribute(Sub(input));
                    attributes[a.Name] = a;
                    break;
                default: input.SkipLastField(); break;
            }
        }
        return new OnnxNode(name, opType, inputs, outputs, attributes);
    }

    static OnnxAttribute ParseAttribute(CodedInputStream input)
    {
        string name = "";
        string? s = null;
        float f = 0;
        long i = 0;
        int type = 0;
        var floats = new List<float>();
        var ints = new List<long>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case 1: name = input.ReadString(); break;
                case 2: f = input.ReadFloat(); break;
                case 3: i = input.ReadInt64(); break;
                case 4: s = input.ReadBytes().ToStringUtf8(); break;
                case 7:
                    if (Wire(tag) == WireLengthDelimited) floats.AddRange(Floats(input.ReadBytes()));
                    else floats.Add(input.ReadFloat());
                    break;
                case 8:
                    if (Wire(tag) == WireLengthDelimited)
                    {
                        var packed = Sub(input);
                        while (!packed.IsAtEnd) ints.Add(packed.ReadInt64());
                    }
                    else ints.Add(input.ReadInt64());
                    break;
                case 20: type = input.ReadInt32(); break;
                default: input.SkipLastField(); break;
            }
        }
        return new OnnxAttribute(name, type, f, i, s, floats.ToArray(), ints.ToArray());
    }

    static OnnxTensor ParseTensor(CodedInputStream input, string source)
    {
        const int Float = 1, Int64 = 7, Double = 11;
        var dims = new List<long>();
        int dataType = 0;
        string name = "";
        var floatData = new List<float>();
        var longData = new List<long>();
        var doubleData = new List<double>();
        ByteString? raw = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case 1:
                    if (Wire(tag) == WireLengthDelimited)
                    {
                        var packed = Sub(input);
                        while (!packed.IsAtEnd) dims.Add(packed.ReadInt64());
                    }
                    else dims.Add(input.ReadInt64());
                    break;
                case 2: dataType = input.ReadInt32(); break;
                case 4:
                    if (Wire(tag) == WireLengthDelimited) floatData.AddRange(Floats(input.ReadBytes()));
                    else floatData.Add(input.ReadFloat());
                    break;
                case 7:
                    if (Wire(tag) == WireLengthDelimited)
                    {
                        var packed = Sub(input);
                        while (!packed.IsAtEnd) longData.Add(packed.ReadInt64());
                    }
                    else longData.Add(input.ReadInt64());
                    break;
                case 8: name = input.ReadString(); break;
                case 9: raw = input.ReadBytes(); break;
                case 10:
                    if (Wire(tag) == WireLengthDelimited)
                    {
                        var packed = Sub(input);
                        while (!packed.IsAtEnd) doubleData.Add(packed.ReadDouble());
                    }
                    else doubleData.Add(input.ReadDouble());
                    break;
                default: input.SkipLastField(); break;
            }
        }

        float[] data = dataType switch
        {
            Float => raw is { Length: > 0 } ? Floats(raw) : floatData.ToArray(),
            Int64 => raw is { Length: > 0 }
                ? MemoryMarshal.Cast<byte, long>(raw.Span).ToArray().Select(v => (float)v).ToArray()
                : longData.Select(v => (float)v).ToArray(),
            Double => raw is { Length: > 0 }
                ? MemoryMarshal.Cast<byte, double>(raw.Span).ToArray().Select(v => (float)v).ToArray()
                : doubleData.Select(v => (float)v).ToArray(),
            _ => throw new InvalidDataException($"{source}: initializer '{name}' has ONNX data type {dataType}; only float, double and int64 are supported"),
        };
        long expected = dims.Aggregate(1L, (a, d) => a * d);
        if (data.Length != expected)
            throw new InvalidDataException($"{source}: initializer '{name}' has {data.Length} values but its shape [{string.Join(",", dims)}] needs {expected}");
        return new OnnxTensor(name, dims.ToArray(), data);
    }

    static string ParseValueInfoName(CodedInputStream input)
    {
        string name = "";
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (Field(tag) == 1) name = input.ReadString();
            else input.SkipLastField();
        }
        return name;
    }

    static int Field(uint tag) => WireFormat.GetTagFieldNumber(tag);

    static int Wire(uint tag) => (int)WireFormat.GetTagWireType(tag);

    /// <summary>A reader over the length-delimited field just tagged (a nested message or a packed array).</summary>
    static CodedInputStream Sub(CodedInputStream input)
    {
        var bytes = input.ReadBytes();
        return MemoryMarshal.TryGetArray(bytes.Memory, out var segment)
            ? new CodedInputStream(segment.Array!, segment.Offset, segment.Count)
            : new CodedInputStream(bytes.ToByteArray());
    }

    static float[] Floats(ByteString bytes)
    {
        if (bytes.Length % 4 != 0) throw new InvalidDataException($"packed float field of {bytes.Length} bytes is not a multiple of 4");
        var span = bytes.Span;
        var result = new float[span.Length / 4];
        if (BitConverter.IsLittleEndian) MemoryMarshal.Cast<byte, float>(span).CopyTo(result);
        else
            for (int k = 0; k < result.Length; k++)
                result[k] = BinaryPrimitives.ReadSingleLittleEndian(span[(4 * k)..]);
        return result;
    }
}
