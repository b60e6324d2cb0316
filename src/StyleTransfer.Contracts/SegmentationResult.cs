namespace StyleTransfer.Contracts;

/// <summary>The semantic groups of a mask pair, or <see cref="Error"/> naming the mask file and its problem.</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.SegmentationResult")]
public sealed record SegmentationResult(IReadOnlyList<SemanticGroupInfo> Groups, string? Error)
{
    public bool IsValid => Error is null;
}
