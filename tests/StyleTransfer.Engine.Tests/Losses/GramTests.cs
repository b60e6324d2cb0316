using StyleTransfer.Engine.Losses;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Losses;

public class GramTests
{
    // F = [[1,2],[3,4]] as C=2 channels of 1x2 pixels.
    static Tensor Features() => tensor(new float[] { 1, 2, 3, 4 }, [1, 2, 1, 2]);

    [Fact]
    public void Gram_is_F_Ft_over_CHW()
    {
        using var g = Gram.Of(Features());
        // F Fᵀ = [[5, 11], [11, 25]], divided by C·H·W = 4.
        Assert.Equal(new float[] { 1.25f, 2.75f, 2.75f, 6.25f }, g.data<float>().ToArray());
    }

    [Fact]
    public void Masked_gram_keeps_only_masked_pixels_and_normalizes_by_mask_area()
    {
        using var mask = tensor(new float[] { 1, 0 }, [1, 2]);
        using var g = Gram.OfMasked(Features(), mask);
        // Only the first pixel: [1,3]ᵀ[1,3] = [[1,3],[3,9]], divided by C·Σmask = 2.
        Assert.Equal(new float[] { 0.5f, 1.5f, 1.5f, 4.5f }, g.data<float>().ToArray());
    }

    [Fact]
    public void Masked_gram_with_full_mask_equals_plain_gram()
    {
        using var f = randn(1, 4, 3, 5);
        using var mask = ones(3, 5);
        using var a = Gram.Of(f);
        using var b = Gram.OfMasked(f, mask);
        Assert.True(a.allclose(b, rtol: 1e-5, atol: 1e-6));
    }
}
