using Google.Protobuf;

namespace StyleTransfer.Engine.Tests.Segmentation;

/// <summary>Writes minimal ONNX models by hand (field numbers of onnx.proto), for tests that must not depend on real weights.</summary>
static class TinyOnnxModel
{
    /// <summary>One 1x1 Conv: input "image" float [1,3,H,W] (H, W dynamic unless given) → output "scores" [1,C,H,W].</summary>
    public static byte[] Conv1x1(float[] weights, float[] bias, int outChannels, int? height = null, int? width = null) =>
        Model(Graph(
            nodes: [Node("Conv", ["image", "W", "B"], ["scores"])],
            initializers: [FloatTensor("W", [outChannels, 3, 1, 1], weights), FloatTensor("B", [outChannels], bias)],
            input: ValueInfo("image", [1, 3, height ?? -1, width ?? -1]),
            output: ValueInfo("scores", [1, outChannels, -1, -1])));

    static byte[] Model(byte[] graph) => Message(o =>
    {
        o.WriteTag(1, WireFormat.WireType.Varint); o.WriteInt64(8); // ir_version
        o.WriteTag(2, WireFormat.WireType.LengthDelimited); o.WriteString("StyleTransfer.Engine.Tests");
        o.WriteTag(7, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(graph));
        o.WriteTag(8, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(Message(s =>
        {
            s.WriteTag(1, WireFormat.WireType.LengthDelimited); s.WriteString("");
            s.WriteTag(2, WireFormat.WireType.Varint); s.WriteInt64(13);
        })));
    });

    static byte[] Graph(byte[][] nodes, byte[][] initializers, byte[] input, byte[] output) => Message(o =>
    {
        foreach (var n in nodes) { o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(n)); }
        o.WriteTag(2, WireFormat.WireType.LengthDelimited); o.WriteString("tiny");
        foreach (var t in initializers) { o.WriteTag(5, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(t)); }
        o.WriteTag(11, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(input));
        o.WriteTag(12, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(output));
    });

    static byte[] Node(string op, string[] inputs, string[] outputs) => Message(o =>
    {
        foreach (var i in inputs) { o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteString(i); }
        foreach (var i in outputs) { o.WriteTag(2, WireFormat.WireType.LengthDelimited); o.WriteString(i); }
        o.WriteTag(3, WireFormat.WireType.LengthDelimited); o.WriteString(op.ToLowerInvariant());
        o.WriteTag(4, WireFormat.WireType.LengthDelimited); o.WriteString(op);
    });

    static byte[] FloatTensor(string name, long[] dims, float[] data) => Message(o =>
    {
        foreach (var d in dims) { o.WriteTag(1, WireFormat.WireType.Varint); o.WriteInt64(d); }
        o.WriteTag(2, WireFormat.WireType.Varint); o.WriteInt32(1); // FLOAT
        o.WriteTag(8, WireFormat.WireType.LengthDelimited); o.WriteString(name);
        var raw = new byte[data.Length * 4];
        Buffer.BlockCopy(data, 0, raw, 0, raw.Length);
        o.WriteTag(9, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(raw));
    });

    /// <summary>ValueInfoProto of a float tensor; negative dimensions become symbolic (dynamic).</summary>
    static byte[] ValueInfo(string name, long[] dims) => Message(o =>
    {
        o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteString(name);
        var shape = Message(s =>
        {
            for (int i = 0; i < dims.Length; i++)
            {
                var dim = Message(d =>
                {
                    if (dims[i] >= 0) { d.WriteTag(1, WireFormat.WireType.Varint); d.WriteInt64(dims[i]); }
                    else { d.WriteTag(2, WireFormat.WireType.LengthDelimited); d.WriteString($"d{i}"); }
                });
                s.WriteTag(1, WireFormat.WireType.LengthDelimited); s.WriteBytes(ByteString.CopyFrom(dim));
            }
        });
        var tensorType = Message(t =>
        {
            t.WriteTag(1, WireFormat.WireType.Varint); t.WriteInt32(1); // elem_type FLOAT
            t.WriteTag(2, WireFormat.WireType.LengthDelimited); t.WriteBytes(ByteString.CopyFrom(shape));
        });
        var type = Message(t => { t.WriteTag(1, WireFormat.WireType.LengthDelimited); t.WriteBytes(ByteString.CopyFrom(tensorType)); });
        o.WriteTag(2, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(type));
    });

    static byte[] Message(Action<CodedOutputStream> write)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        write(output);
        output.Flush();
        return stream.ToArray();
    }
}
