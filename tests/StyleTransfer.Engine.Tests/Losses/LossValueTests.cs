using StyleTransfer.Engine.Losses;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Losses;

public class LossValueTests
{
    [Fact]
    public void Content_loss_is_mse_relative_to_target_mean_square()
    {
        using var target = tensor(new float[] { 1, 2, 3, 4 }, [1, 1, 2, 2]);
        using var loss = new ContentLoss(target);
        using var x = tensor(new float[] { 2, 2, 3, 4 }, [1, 1, 2, 2]);
        // mse = 1/4; mean square of target = 30/4 = 7.5.
        Assert.Equal(0.25 / 7.5, loss.Compute(x).ToDouble(), 6);
        Assert.Equal(0.0, loss.Compute(target).ToDouble(), 9);
    }

    [Fact]
    public void Total_variation_sums_mean_squared_neighbour_differences()
    {
        using var image = tensor(new float[] { 0, 1, 2, 3 }, [1, 1, 2, 2]);
        // vertical differences 2,2 → 4; horizontal 1,1 → 1.
        Assert.Equal(5.0, TotalVariation.Of(image).ToDouble(), 6);
    }

    [Fact]
    public void Style_loss_is_relative_squared_gram_error()
    {
        using var style = tensor(new float[] { 1, 2, 3, 4 }, [1, 2, 1, 2]);
        using var image = tensor(new float[] { 1, 2, 3, 5 }, [1, 2, 1, 2]);
        using var loss = new StyleLoss(f => f.alias());
        loss.AddBlended([(style, 1.0)]);
        // A = [[5,11],[11,25]]/4; G = [[5,13],[13,34]]/4; ‖G−A‖² = (0+4+4+81)/16; ‖A‖² = (25+121+121+625)/16.
        Assert.Equal(89.0 / 892.0, loss.Compute(image).ToDouble(), 6);
        Assert.Equal(0.0, loss.Compute(style).ToDouble(), 9);
    }

    [Fact]
    public void Region_terms_are_relative_to_the_whole_style_gram_so_a_black_region_does_not_swamp_the_rest()
    {
        // Style: 2 channels × 4 pixels; its left half (region 0) is black, its right half (region 1) is not.
        using var style = tensor(new float[] { 0, 0, 1, 2, 0, 0, 3, 1 }, [1, 2, 1, 4]);
        using var image = tensor(new float[] { 1, 1, 2, 1, 1, 2, 1, 3 }, [1, 2, 1, 4]);
        using var left = tensor(new float[] { 1, 1, 0, 0 }, [1, 4]);
        using var right = tensor(new float[] { 0, 0, 1, 1 }, [1, 4]);
        using var loss = new StyleLoss(f => f.alias());
        loss.AddRegions(style, [(left, left, 0.5), (right, right, 0.5)]);

        // Whole style Gram: [[5,5],[5,10]]/8, ‖A‖² = 175/64. Left: image Gram [[2,3],[3,5]]/4 vs 0. Right: image Gram
        // [[5,5],[5,10]]/4 vs style [[5,5],[5,10]]/4, zero error.
        double expected = 0.5 * ((4 + 9 + 9 + 25) / 16.0) / (175 / 64.0);
        Assert.Equal(expected, loss.Compute(image).ToDouble(), 6);
        // Relative to the black region's own (zero) Gram, the same error would have been ~1e20.
        Assert.True(loss.Compute(image).ToDouble() < 10);
    }

    [Fact]
    public void Blended_styles_target_the_weighted_mean_gram()
    {
        using var a = randn(1, 3, 4, 4);
        using var b = randn(1, 3, 4, 4);
        using var loss = new StyleLoss(f => f.alias());
        loss.AddBlended([(a, 3.0), (b, 1.0)]);
        // An image whose Gram is exactly 0.75·G(a) + 0.25·G(b) has zero loss: concatenate scaled copies along pixels.
        using var mix = cat([a.mul(Math.Sqrt(0.75 * 2)), b.mul(Math.Sqrt(0.25 * 2))], 3);
        Assert.True(loss.Compute(mix).ToDouble() < 1e-10);
        Assert.True(loss.Compute(a).ToDouble() > 1e-3);
    }

    [Fact]
    public void Softmax_transform_is_positive_with_mean_one_and_keeps_shape()
    {
        using var f = randn(1, 8, 5, 6).mul(4);
        using var s = SoftmaxTransform.Apply(f, 1.0);
        Assert.Equal(f.shape, s.shape);
        Assert.Equal(1.0, s.mean().ToDouble(), 4);
        Assert.True(s.min().ToDouble() > 0);
        // At each position the channels sum to C and keep their order.
        Assert.True(s.sum(1).allclose(full(new long[] { 1, 5, 6 }, 8f), atol: 1e-4));
        Assert.True(f.argmax(1).eq(s.argmax(1)).all().item<bool>());
    }
}
