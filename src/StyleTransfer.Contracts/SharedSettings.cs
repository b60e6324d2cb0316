namespace StyleTransfer.Contracts;

/// <summary>Settings every method reads (see the engine's SharedOptions).</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.SharedSettings")]
public sealed record SharedSettings
{
    [Id(0)] public string Backbone { get; init; } = "";
    [Id(1)] public string? WeightsPath { get; init; }
    [Id(2)] public int MaxSize { get; init; }
    [Id(3)] public int Iterations { get; init; }
    [Id(4)] public int Seed { get; init; }
    [Id(5)] public int SnapshotEvery { get; init; }
    [Id(6)] public string Device { get; init; } = "";
}
