namespace StyleTransfer.Contracts;

/// <summary>A label shared by a content mask and a style mask (or, if <see cref="Orphan"/>, in the content only), with the share of each image it covers.</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.SemanticGroupInfo")]
public sealed record SemanticGroupInfo(string Label, double ContentFraction, double StyleFraction, bool Orphan);
