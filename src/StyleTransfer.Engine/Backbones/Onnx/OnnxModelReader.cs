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
            var model = ParseModel(new ProtoWindow(bytes, 0, bytes.Length), source);
            if (model.Nodes.Count == 0)
                throw new InvalidDataException($"{source}: not an ONNX model (no graph nodes found)");
            return model;
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or CorruptProtobufException)
        {
            throw new InvalidDataException($"{source}: not a valid ONNX model (corrupt protobuf: {e.Message})", e);
        }
    }

    static OnnxModel ParseModel(ProtoWindow w, string source)
    {
        OnnxModel? graph = null;
        uint tag;
        while ((tag = w.Input.ReadTag()) != 0)
        {
            if (Field(tag) == 7 && Wire(tag) == WireLengthDelimited) graph = ParseGraph(w.Sub(), source);
            else w.Input.SkipLastField();
        }
        return graph ?? throw new InvalidDataException($"{source}: not an ONNX model (ModelProto has no graph)");
    }

    static OnnxModel ParseGraph(ProtoWindow w, string source)
    {
        var nodes = new List<OnnxNode>();
        var initializers = new Dictionary<string, OnnxTensor>();
        var inputs = new List<string>();
        var outputs = new List<string>();
        uint tag;
        while ((tag = w.Input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case 1: nodes.Add(ParseNode(w.Sub())); break;
                case 5:
                    var t = ParseTensor(w.Sub(), source);
                    initializers[t.Name] = t;
                    break;
                case 11: inputs.Add(ParseValueInfoName(w.Sub())); break;
                case 12: outputs.Add(ParseValueInfoName(w.Sub())); break;
                default: w.Input.SkipLastField(); break;
            }
        }
        // Older exporters (CNTK among them) also list every initializer as a graph w.Input.
        var dataInputs = inputs.Where(i => !initializers.ContainsKey(i)).ToList();
        return new OnnxModel(source, nodes, initializers, dataInputs, outputs);
    }

    static OnnxNode ParseNode(ProtoWindow w)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new Dictionary<string, OnnxAttribute>();
        string name = "", opType = "";
        uint tag;
        while ((tag = w.Input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case 1: inputs.Add(w.Input.ReadString()); break;
                case 2: outputs.Add(w.Input.ReadString()); break;
                case 3: name = w.Input.ReadString(); break;
                case 4: opType = w.Input.ReadString(); break;
                case 5:
                    var a = ParseAttribute(w.Sub());
                    attributes[a.Name] = a;
                    break;
                default: w.Input.SkipLastField(); break;
            }
        }
        return new OnnxNode(name, opType, inputs, outputs, attributes);
    }

    static OnnxAttribute ParseAttribute(ProtoWindow w)
    {
        string name = "";
        string? s = null;
        float f = 0;
        long i = 0;
        int type = 0;
        var floats = new List<float>();
        var ints = new List<long>();
        uint tag;
        while ((tag = w.Input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case 1: name = w.Input.ReadString(); break;
                case 2: f = w.Input.ReadFloat(); break;
                case 3: i = w.Input.ReadInt64(); break;
                case 4: s = w.Input.ReadBytes().ToStringUtf8(); break;
                case 7:
                    if (Wire(tag) == WireLengthDelimited) floats.AddRange(Floats(w.Sub().Span));
                    else floats.Add(w.Input.ReadFloat());
                    break;
                case 8:
                    if (Wire(tag) == WireLengthDelimited)
                    {
                        var packed = w.Sub().Input;
                        while (!packed.IsAtEnd) ints.Add(packed.ReadInt64());
                    }
                    else ints.Add(w.Input.ReadInt64());
                    break;
                case 20: type = w.Input.ReadInt32(); break;
                default: w.Input.SkipLastField(); break;
            }
        }
        return new OnnxAttribute(name, type, f, i, s, floats.ToArray(), ints.ToArray());
    }

    static OnnxTensor ParseTensor(ProtoWindow w, string source)
    {
        const int Float = 1, Int64 = 7, Double = 11;
        var dims = new List<long>();
        int dataType = 0;
        string name = "";
        var floatData = new List<float>();
        var longData = new List<long>();
        var doubleData = new List<double>();
        ProtoWindow? raw = null;
        uint tag;
        while ((tag = w.Input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case 1:
                    if (Wire(tag) == WireLengthDelimited)
                    {
                        var packed = w.Sub().Input;
                        while (!packed.IsAtEnd) dims.Add(packed.ReadInt64());
                    }
                    else dims.Add(w.Input.ReadInt64());
                    break;
                case 2: dataType = w.Input.ReadInt32(); break;
                case 4:
                    if (Wire(tag) == WireLengthDelimited) floatData.AddRange(Floats(w.Sub().Span));
                    else floatData.Add(w.Input.ReadFloat());
                    break;
                case 7:
                    if (Wire(tag) == WireLengthDelimited)
                    {
                        var packed = w.Sub().Input;
                        while (!packed.IsAtEnd) longData.Add(packed.ReadInt64());
                    }
                    else longData.Add(w.Input.ReadInt64());
                    break;
                case 8: name = w.Input.ReadString(); break;
                case 9: raw = w.Sub(); break;
                case 10:
                    if (Wire(tag) == WireLengthDelimited)
                    {
                        var packed = w.Sub().Input;
                        while (!packed.IsAtEnd) doubleData.Add(packed.ReadDouble());
                    }
                    else doubleData.Add(w.Input.ReadDouble());
                    break;
                default: w.Input.SkipLastField(); break;
            }
        }

        float[] data = dataType switch
        {
            Float => raw is { Length: > 0 } ? Floats(raw.Span) : floatData.ToArray(),
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

    static string ParseValueInfoName(ProtoWindow w)
    {
        string name = "";
        uint tag;
        while ((tag = w.Input.ReadTag()) != 0)
        {
            if (Field(tag) == 1) name = w.Input.ReadString();
            else w.Input.SkipLastField();
        }
        return name;
    }

    static int Field(uint tag) => WireFormat.GetTagFieldNumber(tag);

    static int Wire(uint tag) => (int)WireFormat.GetTagWireType(tag);

    static float[] Floats(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 4 != 0) throw new InvalidDataException($"packed float field of {bytes.Length} bytes is not a multiple of 4");
        var result = new float[bytes.Length / 4];
        if (BitConverter.IsLittleEndian) MemoryMarshal.Cast<byte, float>(bytes).CopyTo(result);
        else
            for (int k = 0; k < result.Length; k++)
                result[k] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * k)..]);
        return result;
    }

    /// <summary>
    /// A protobuf message (or packed array) as a window over the file's bytes. Nested messages become windows over the
    /// same array instead of copies (ReadBytes would copy the 63 MB graph, then every initializer again).
    /// </summary>
    sealed class CorruptProtobufException(string message) : Exception(message);

    sealed class ProtoWindow
    {
        readonly byte[] _buffer;
        readonly int _end;
        int _offset;
        long _origin;

        public ProtoWindow(byte[] buffer, int offset, int length)
        {
            if (offset < 0 || length < 0 || offset + length > buffer.Length)
                throw new CorruptProtobufException("message length runs past the end of its container");
            _buffer = buffer;
            _end = offset + length;
            Reset(offset);
        }

        public CodedInputStream Input { get; private set; } = null!;

        public int Length => _end - _offset;

        public ReadOnlySpan<byte> Span => _buffer.AsSpan(_offset, _end - _offset);

        /// <summary>The length-delimited field just tagged, as its own window; this window moves past it.</summary>
        public ProtoWindow Sub()
        {
            int length = Input.ReadLength();
            int start = _offset + (int)(Input.Position - _origin);
            var sub = new ProtoWindow(_buffer, start, length);
            Reset(start + length);
            return sub;
        }

        void Reset(int offset)
        {
            _offset = offset;
            Input = new CodedInputStream(_buffer, offset, _end - offset);
            _origin = Input.Position;
        }
    }
}
