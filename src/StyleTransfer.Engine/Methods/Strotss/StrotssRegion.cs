using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.Strotss;

/// <summary>
/// Region-to-region guidance: output positions inside <see cref="ContentMask"/> are matched only against style
/// positions inside <see cref="StyleMask"/>. Masks are [H,W] float32 in [0,1] on the CPU, each at its own image's
/// resolution or any other (they are resized to every scale; a pixel belongs to the region where the mask is > 0.5).
/// Owned by the <see cref="StrotssGuidance"/> that holds the region.
/// </summary>
public sealed class StrotssRegion
{
    internal StrotssRegion(string label, Tensor contentMask, Tensor styleMask)
    {
        Label = label;
        ContentMask = contentMask;
        StyleMask = styleMask;
    }

    /// <summary>e.g. the guidance colour "#922424".</summary>
    public string Label { get; }

    public Tensor ContentMask { get; }

    public Tensor StyleMask { get; }
}
