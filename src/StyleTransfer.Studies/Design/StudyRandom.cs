using System.Text;

namespace StyleTransfer.Studies.Design;

/// <summary>
/// The study's own seeded generator: xoshiro256** (Blackman and Vigna) seeded through SplitMix64. Written out here
/// so that a seed gives the same study on every .NET version (System.Random's seeded algorithm is not specified).
/// Independent streams (images, design, each assignment) are derived from the seed and a label.
/// </summary>
public sealed class StudyRandom
{
    ulong _s0, _s1, _s2, _s3;

    public StudyRandom(int seed, string stream = "")
    {
        // FNV-1a of the label, mixed into the seed: each stream starts from its own state.
        ulong label = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(stream)) label = (label ^ b) * 1099511628211UL;
        ulong x = (ulong)(uint)seed ^ label;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, <paramref name="count"/>), without modulo bias (rejection).</summary>
    public int NextInt(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ulong n = (ulong)count;
        ulong limit = ulong.MaxValue - ulong.MaxValue % n;
        ulong r;
        do r = NextUInt64(); while (r >= limit);
        return (int)(r % n);
    }

    /// <summary>Fisher–Yates.</summary>
    public void Shuffle<T>(IList<T> list)
    {
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    /// <summary>An opaque id: 16 lowercase hex digits.</summary>
    public string NextId() => NextUInt64().ToString("x16");
}
