namespace StyleTransfer.Contracts;

/// <summary>Settings of automatic co-segmentation (see the engine's AutoSegmentationOptions).</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.AutoSegmentationSettings")]
public sealed record AutoSegmentationSettings
{
    [Id(0)] public int MaxGroups { get; init; }
    [Id(1)] public int Clusters { get; init; }
    [Id(2)] public double MinFraction { get; init; }
    [Id(3)] public double MergeSimilarity { get; init; }
    [Id(4)] public int Seed { get; init; }
    [Id(5)] public IReadOnlyList<string> Layers { get; init; } = [];
    [Id(6)] public double ColorWeight { get; init; }
    [Id(7)] public bool CenterPerImage { get; init; }
    [Id(8)] public double PositionWeight { get; init; }
    [Id(9)] public int AnalysisSide { get; init; }
    [Id(10)] public int Iterations { get; init; }
}
