using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace StyleTransfer.Cli.Datasets;

/// <summary>
/// Which styles a content image gets: k of the n usable styles (sorted by relative path), drawn without replacement
/// by a partial Fisher–Yates shuffle whose random numbers are SHA-256 of (seed, the image's relative path, draw,
/// attempt). The draw depends on nothing else: not the machine, the .NET version, the listing order or a resume.
/// </summary>
public static class StyleAssignment
{
    /// <returns>indices into the sorted styles, distinct, in draw order.</returns>
    public static int[] Draw(long seed, string relativePath, int styleCount, int k)
    {
        if (k < 1 || k > styleCount)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"must be 1..{styleCount} (the number of usable styles)");
        var path = relativePath.Replace('\\', '/');
        var moved = new Dictionary<int, int>(); // the sparse shuffle: position -> style index now there
        var picks = new int[k];
        for (int i = 0; i < k; i++)
        {
            int j = i + (int)Uniform(seed, path, i, (ulong)(styleCount - i));
            picks[i] = moved.GetValueOrDefault(j, j);
            moved[j] = moved.GetValueOrDefault(i, i);
        }
        return picks;
    }

    /// <summary>A uniform number in [0, bound) by rejection sampling (no modulo bias).</summary>
    static ulong Uniform(long seed, string path, int draw, ulong bound)
    {
        ulong limit = ulong.MaxValue - ulong.MaxValue % bound;
        for (int attempt = 0; ; attempt++)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\n{path}\n{draw}\n{attempt}"));
            ulong value = BinaryPrimitives.ReadUInt64LittleEndian(hash);
            if (value < limit) return value % bound;
        }
    }
}
