namespace StyleTransfer.Contracts;

/// <summary>One style image of an item and its blend weight (weights are normalized by the engine).</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.StyleSpec")]
public sealed record StyleSpec(string Path, double Weight = 1.0);
