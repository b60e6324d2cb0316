namespace StyleTransfer.Engine;

/// <summary>
/// Bounds of an engine's style cache (<see cref="StyleFeatureCache"/>). An entry is one style image as loaded at one
/// size, or its features at one scale. Past either bound the least recently used entries that no running item holds
/// are dropped; entries in use are kept until their items end, so the cache may exceed the bounds meanwhile.
/// </summary>
public sealed record StyleCacheOptions
{
    /// <summary>Most entries kept; 0 keeps nothing between items (concurrent items still share).</summary>
    public int MaxEntries { get; init; } = 64;

    /// <summary>Most tensor bytes kept (on the engine's device: GPU memory under CUDA).</summary>
    public long MaxBytes { get; init; } = 512L << 20;

    public void Validate()
    {
        if (MaxEntries < 0) throw new ArgumentException($"style cache entries {MaxEntries} must be >= 0");
        if (MaxBytes < 0) throw new ArgumentException($"style cache bytes {MaxBytes} must be >= 0");
    }
}
