using System.Security.Cryptography;
using StyleTransfer.Engine;

namespace StyleTransfer.Grains;

public static class FileHashes
{
    /// <summary>SHA-256 (lower-case hex) of a file's content; <see cref="InvalidInputException"/> naming the file when it cannot be read.</summary>
    public static string Sha256(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidInputException(path, "file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException(path, $"cannot be read ({e.Message})", e);
        }
    }
}
