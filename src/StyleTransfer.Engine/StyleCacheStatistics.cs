namespace StyleTransfer.Engine;

/// <summary>Counters of an engine's style cache since it started (hits, misses, evictions) and what it holds now.</summary>
public sealed record StyleCacheStatistics(long Hits, long Misses, long Evictions, int Entries, long Bytes);
