using StyleTransfer.Engine.Segmentation;

namespace StyleTransfer.Engine;

/// <summary>Semantic label maps of a content image and a style image (user masks or automatic groups).</summary>
public sealed record LabelMapPair(LabelMap Content, LabelMap Style);
