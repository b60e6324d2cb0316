using static TorchSharp.torch;

namespace StyleTransfer.Engine;

/// <summary>
/// Colour preservation by luminance-only transfer (Gatys et al. 2017, "Controlling Perceptual Factors in Neural
/// Style Transfer"): stylize the luminance channel, with the style's luminance matched to the content's mean and
/// deviation, then recombine the result's luminance with the content's chrominance (YIQ).
/// </summary>
public static class ColorPreservation
{
    static readonly float[,] RgbToYiq = { { 0.299f, 0.587f, 0.114f }, { 0.596f, -0.274f, -0.322f }, { 0.211f, -0.523f, 0.312f } };
    static readonly float[,] YiqToRgb = { { 1f, 0.956f, 0.621f }, { 1f, -0.272f, -0.647f }, { 1f, -1.106f, 1.703f } };

    public static Tensor ToYiq(Tensor rgb) => Mix(rgb, RgbToYiq);

    public static Tensor ToRgb(Tensor yiq) => Mix(yiq, YiqToRgb);

    /// <summary>Luminance of an RGB image as a 3-channel grey image [1,3,H,W].</summary>
    public static Tensor LuminanceAsRgb(Tensor rgb)
    {
        using var yiq = ToYiq(rgb);
        using var y = yiq[.., 0..1];
        return y.expand(-1, 3, -1, -1).contiguous();
    }

    /// <summary>Grey style image whose luminance has the content's mean and standard deviation.</summary>
    public static Tensor MatchedStyleLuminance(Tensor styleRgb, Tensor contentRgb)
    {
        using var scope = NewDisposeScope();
        var ys = ToYiq(styleRgb)[.., 0..1];
        var yc = ToYiq(contentRgb)[.., 0..1];
        var matched = ys.sub(ys.mean()).div(ys.std().clamp_min(1e-6f)).mul(yc.std()).add(yc.mean()).clamp(0, 1);
        return matched.expand(-1, 3, -1, -1).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Result luminance (mean of the grey result's channels) with the content's I and Q.</summary>
    public static Tensor Recombine(Tensor stylizedGrey, Tensor contentRgb)
    {
        using var scope = NewDisposeScope();
        var y = ToYiq(stylizedGrey)[.., 0..1];
        var iq = ToYiq(contentRgb)[.., 1..3];
        return ToRgb(cat([y, iq], 1)).clamp(0, 1).MoveToOuterDisposeScope();
    }

    static Tensor Mix(Tensor image, float[,] matrix)
    {
        using var m = tensor(matrix, device: image.device);
        return einsum("ij,bjhw->bihw", m, image);
    }
}
