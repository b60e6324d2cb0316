using static TorchSharp.torch;

namespace StyleTransfer.Engine.Losses;

/// <summary>Total variation: mean squared difference of vertically and horizontally adjacent pixels.</summary>
public static class TotalVariation
{
    public static Tensor Of(Tensor image)
    {
        long h = image.shape[2], w = image.shape[3];
        using var dy = image[.., .., 1.., ..] - image[.., .., ..(int)(h - 1), ..];
        using var dx = image[.., .., .., 1..] - image[.., .., .., ..(int)(w - 1)];
        using var sy = dy.square().mean();
        using var sx = dx.square().mean();
        return sy + sx;
    }
}
