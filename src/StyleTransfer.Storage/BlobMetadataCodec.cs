using System.Text;

namespace StyleTransfer.Storage;

/// <summary>
/// Maps result metadata to Azure blob metadata and back. Keys: Azure wants C# identifiers, so '-' becomes '_'
/// ('params-hash' is stored as 'params_hash'); keys never contain '_' (see <see cref="ResultMetadata"/>), so the
/// mapping is one-to-one. Values travel as HTTP headers (ASCII, trimmed), so '%', non-ASCII and control
/// characters, and leading/trailing spaces are percent-encoded as UTF-8 and decoded on read.
/// </summary>
public static class BlobMetadataCodec
{
    public static string EncodeKey(string key) => key.Replace('-', '_');

    public static string DecodeKey(string key) => key.Replace('_', '-');

    public static string EncodeValue(string value)
    {
        var builder = new StringBuilder(value.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var edgeSpace = c == ' ' && (i == 0 || i == value.Length - 1);
            if (c is >= ' ' and <= '~' && c != '%' && !edgeSpace)
            {
                builder.Append(c);
                continue;
            }
            var length = char.IsHighSurrogate(c) && i + 1 < value.Length
                ? Encoding.UTF8.GetBytes(value.AsSpan(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(value.AsSpan(i, 1), utf8);
            foreach (var b in utf8[..length])
                builder.Append('%').Append(b.ToString("X2"));
        }
        return builder.ToString();
    }

    public static string DecodeValue(string value) => value.Contains('%') ? Uri.UnescapeDataString(value) : value;

    public static Dictionary<string, string> Encode(IReadOnlyDictionary<string, string> metadata) =>
        metadata.ToDictionary(pair => EncodeKey(pair.Key), pair => EncodeValue(pair.Value));

    public static Dictionary<string, string> Decode(IDictionary<string, string> metadata)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in metadata)
            result[DecodeKey(key)] = DecodeValue(value);
        return result;
    }
}
