using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace StyleTransfer.Grains;

/// <summary>
/// Finished images whose commit failed (disk full, store read-only), kept in a node-local folder under a key of their
/// output name and parameters hash, so the next attempt of the item (or a re-run of the job) on this node commits
/// them instead of computing them again. Each image is a PNG and its metadata as JSON beside it.
/// </summary>
public sealed class PendingResults(string folder)
{
    public sealed record Kept(byte[] Png, Dictionary<string, string> Metadata, string Path);

    public string Folder { get; } = System.IO.Path.GetFullPath(folder);

    string PathOf(string outputName, string paramsHash) => System.IO.Path.Combine(Folder,
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{outputName}\n{paramsHash}")))[..32] + ".png");

    public Kept? TryGet(string outputName, string paramsHash)
    {
        var png = PathOf(outputName, paramsHash);
        try
        {
            var metadata = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllBytes(png + ".json"));
            return metadata is null ? null : new Kept(File.ReadAllBytes(png), metadata, png);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Keeps the image; returns where, or null when it could not be written either.</summary>
    public string? Save(string outputName, string paramsHash, byte[] png, IReadOnlyDictionary<string, string> metadata)
    {
        var path = PathOf(outputName, paramsHash);
        try
        {
            Directory.CreateDirectory(Folder);
            WriteAtomically(path + ".json", JsonSerializer.SerializeToUtf8Bytes(metadata));
            WriteAtomically(path, png);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Remove(string outputName, string paramsHash)
    {
        var path = PathOf(outputName, paramsHash);
        try
        {
            File.Delete(path);
            File.Delete(path + ".json");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover is harmless: the next commit of that output replaces its use.
        }
    }

    static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }
}
