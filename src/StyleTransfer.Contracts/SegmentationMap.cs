namespace StyleTransfer.Contracts;

/// <summary>A per-pixel label image: <see cref="Labels"/>[y*Width+x] indexes <see cref="Palette"/> (label names).</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.SegmentationMap")]
public sealed record SegmentationMap(string Source, int Width, int Height, byte[] Labels, IReadOnlyList<string> Palette);

/// <summary>The label maps of a content image and a style image (automatic groups).</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.SegmentationMaps")]
public sealed record SegmentationMaps(SegmentationMap Content, SegmentationMap Style);
