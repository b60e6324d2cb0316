namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>What a feed-forward model file holds.</summary>
public enum ModelKind
{
    /// <summary>A per-style <see cref="TransformNet"/> (method "fast").</summary>
    Fast,

    /// <summary>An <see cref="AdaInDecoder"/> for any style (method "adain").</summary>
    AdaInDecoder,
}
