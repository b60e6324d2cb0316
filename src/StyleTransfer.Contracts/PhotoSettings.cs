namespace StyleTransfer.Contracts;

/// <summary>Settings of photo (see the engine's PhotoOptions), with its automatic segmentation.</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.PhotoSettings")]
public sealed record PhotoSettings
{
    [Id(0)] public double Lambda { get; init; }
    [Id(1)] public double Epsilon { get; init; }
    [Id(2)] public int StyleIterations { get; init; }
    [Id(3)] public int PhotoIterations { get; init; }
    [Id(4)] public bool Smooth { get; init; }
    [Id(5)] public int SmoothRadius { get; init; }
    [Id(6)] public double SmoothEpsilon { get; init; }
    [Id(7)] public AutoSegmentationSettings Segmentation { get; init; } = new();
    [Id(8)] public double ColorWeight { get; init; }
    [Id(9)] public bool StartFromColorTransfer { get; init; }
    [Id(10)] public int Scales { get; init; }
}
