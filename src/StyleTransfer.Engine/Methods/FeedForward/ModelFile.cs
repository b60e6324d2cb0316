using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// The file format of feed-forward models and training checkpoints: a magic line, a JSON <see cref="ModelHeader"/>,
/// the network's state dict in TorchSharp's own format (<c>Module.save</c>), and for checkpoints the Adam state.
/// Sections are length-prefixed; the weights (and optimizer state) are checked against the header's SHA-256.
/// Every refusal is an <see cref="InvalidInputException"/> naming the file and the problem.
/// </summary>
public static class ModelFile
{
    static readonly byte[] Magic = "STYLETRANSFER-FEEDFORWARD\n"u8.ToArray();
    const int Version = 1;
    const int MaxHeaderBytes = 1 << 20;

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A file's parts: the header, the weights and (checkpoints) the optimizer state, as stored.</summary>
    public sealed record Contents(ModelHeader Header, byte[] Weights, byte[]? Optimizer);

    public static byte[] ModuleBytes(nn.Module module)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true)) module.save(writer);
        return memory.ToArray();
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Writes header (its weights hash filled in here), weights and optional optimizer state.</summary>
    public static void Write(Stream stream, ModelHeader header, byte[] weights, byte[]? optimizer = null)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(header with { WeightsSha256 = Sha256(weights) }, Json);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(json.Length);
        writer.Write(json);
        writer.Write((long)weights.Length);
        writer.Write(weights);
        writer.Write((long)(optimizer?.Length ?? 0));
        if (optimizer is not null) writer.Write(optimizer);
    }

    /// <summary>Writes to <paramref name="path"/> through a temporary file and a rename, so a crash leaves the old file or the new one.</summary>
    public static void Write(string path, ModelHeader header, byte[] weights, byte[]? optimizer = null)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + $".tmp-{Environment.ProcessId}";
        using (var file = File.Create(temp))
        {
            Write(file, header, weights, optimizer);
            file.Flush(flushToDisk: true);
        }
        File.Move(temp, full, overwrite: true);
    }

    public static Contents Read(string path)
    {
        if (!File.Exists(path))
            throw new InvalidInputException(path, Directory.Exists(path) ? "is a folder, not a model file" : "model file not found");
        try
        {
            using var file = File.OpenRead(path);
            return Read(file, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException(path, $"cannot be read ({e.Message.TrimEnd('.')})", e);
        }
    }

    /// <param name="name">the file named in errors.</param>
    public static Contents Read(Stream stream, string name)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            var magic = reader.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic))
                throw new InvalidInputException(name, "not a StyleTransfer feed-forward model file (its first bytes are not the model file signature)");
            int version = reader.ReadInt32();
            if (version != Version)
                throw new InvalidInputException(name, $"model file format version {version} is not supported (this build reads version {Version})");
            int headerLength = reader.ReadInt32();
            if (headerLength is <= 0 or > MaxHeaderBytes)
                throw new InvalidInputException(name, $"corrupt model file (header length {headerLength})");
            var headerBytes = ReadExactly(reader, headerLength, name, "header");
            ModelHeader header;
            try
            {
                header = JsonSerializer.Deserialize<ModelHeader>(headerBytes, Json)
                    ?? throw new InvalidInputException(name, "corrupt model file (empty header)");
            }
            catch (JsonException e)
            {
                throw new InvalidInputException(name, $"corrupt model file (header is not valid JSON: {e.Message.TrimEnd('.')})", e);
            }
            var weights = ReadExactly(reader, ReadLength(reader, name, "weights"), name, "weights");
            if (Sha256(weights) != header.WeightsSha256)
                throw new InvalidInputException(name, "corrupt model file (the weights' SHA-256 differs from the one recorded in its header)");
            long optimizerLength = ReadLength(reader, name, "optimizer state");
            byte[]? optimizer = optimizerLength == 0 ? null : ReadExactly(reader, optimizerLength, name, "optimizer state");
            if (header.Checkpoint is { } checkpoint && (optimizer is null || Sha256(optimizer) != checkpoint.OptimizerSha256))
                throw new InvalidInputException(name, "corrupt checkpoint (the optimizer state is missing or its SHA-256 differs from the header's)");
            return new Contents(header, weights, optimizer);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidInputException(name, "truncated model file (it ends before its header says it should)", e);
        }
    }

    static long ReadLength(BinaryReader reader, string name, string section)
    {
        long length = reader.ReadInt64();
        long left = reader.BaseStream.CanSeek ? reader.BaseStream.Length - reader.BaseStream.Position : long.MaxValue;
        if (length < 0) throw new InvalidInputException(name, $"corrupt model file ({section} length {length})");
        if (length > left) throw new InvalidInputException(name, $"truncated model file ({section} section needs {length} bytes, {left} left)");
        return length;
    }

    static byte[] ReadExactly(BinaryReader reader, long length, string name, string section)
    {
        var bytes = reader.ReadBytes(checked((int)length));
        if (bytes.Length != length) throw new InvalidInputException(name, $"truncated model file (the {section} section is cut short)");
        return bytes;
    }

    /// <summary>
    /// Loads <paramref name="weights"/> into <paramref name="module"/> (built from the header's architecture). A state
    /// dict of another shape means the header and weights disagree, or the file was edited: refused as a mismatch.
    /// </summary>
    public static void LoadInto(nn.Module module, byte[] weights, string name, string architecture)
    {
        try
        {
            using var memory = new MemoryStream(weights, writable: false);
            using var reader = new BinaryReader(memory);
            module.load(reader, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or EndOfStreamException or IOException or FormatException)
        {
            throw new InvalidInputException(name, $"architecture mismatch: the weights do not fit the recorded architecture {architecture} ({e.Message.TrimEnd('.')})", e);
        }
    }

    /// <summary>Refuses a file of another kind with a message saying what it is and what was needed.</summary>
    public static void ExpectKind(ModelHeader header, ModelKind expected, string name)
    {
        if (header.Kind == expected) return;
        string what(ModelKind k) => k == ModelKind.Fast ? "a fast (per-style transform network) model" : "an AdaIN decoder";
        throw new InvalidInputException(name, $"is {what(header.Kind)}, but {what(expected)} is needed here");
    }
}
