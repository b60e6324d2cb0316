namespace StyleTransfer.Contracts;

/// <summary>Settings of strotss (see the engine's StrotssOptions).</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.StrotssSettings")]
public sealed record StrotssSettings
{
    [Id(0)] public double ContentWeight { get; init; }
    [Id(1)] public int Scales { get; init; }
    [Id(2)] public double LearningRate { get; init; }
    [Id(3)] public int Samples { get; init; }
    [Id(4)] public int StyleSamples { get; init; }
    [Id(5)] public int PyramidLevels { get; init; }
    [Id(6)] public IReadOnlyList<string>? Layers { get; init; }
}
