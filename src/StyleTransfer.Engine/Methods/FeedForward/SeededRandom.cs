namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// SplitMix64: a small seeded generator whose whole position is one 64-bit <see cref="State"/>, so a checkpoint can
/// record it and a resumed run draws the same sequence (System.Random's state cannot be saved).
/// </summary>
public sealed class SeededRandom(ulong state)
{
    public ulong State { get; set; } = state;

    public ulong NextUInt64()
    {
        ulong z = State += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "must be > 0");
        return (int)(NextUInt64() % (ulong)maxExclusive);
    }
}
