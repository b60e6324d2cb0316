using StyleTransfer.Engine.Backbones;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Backbones;

public sealed class LowPassBackboneTests
{
    [Fact]
    public void A_one_pixel_checkerboard_is_filtered_to_flat_grey()
    {
        using var backbone = ResNet18Backbone.Load(null, CPU);
        using var lowPass = new LowPassBackbone(backbone);
        using var scope = NewDisposeScope();
        var board = Checkerboard(32, 48).mul(0.5).add(0.5).expand(1, 3, 32, 48);

        var blurred = lowPass.Blur(board);

        Assert.Equal(board.shape, blurred.shape);
        Assert.True(blurred.sub(0.5).abs().max().item<float>() < 1e-6f);
        Assert.True(board.sub(0.5).abs().min().item<float>() > 0.49f);
    }

    [Fact]
    public void The_gradient_through_the_stride_2_stem_loses_its_checkerboard()
    {
        using var backbone = ResNet18Backbone.Load(null, CPU);
        using var lowPass = new LowPassBackbone(backbone);
        double plain = NyquistShareOfGradient(backbone), filtered = NyquistShareOfGradient(lowPass);

        Assert.True(plain > 0.01, $"the plain stem's gradient has {plain:P2} of its energy near the Nyquist frequency");
        Assert.True(filtered < plain / 20, $"filtered {filtered:P4} vs plain {plain:P4}");
    }

    /// <summary>
    /// The share of the gradient's energy (of a loss on the stem's features) near the Nyquist frequency: the band
    /// above 3/4 of it along either axis, where a stride-2 layer's gradient puts its period-2 patterns.
    /// </summary>
    static double NyquistShareOfGradient(IBackbone backbone)
    {
        const int size = 64;
        using var scope = NewDisposeScope();
        var image = tensor(SyntheticImage.Chw(size, size, seed: 3), [1, 3, size, size]).requires_grad_(true);
        var features = backbone.Extract(image, ["conv1"])["conv1"];
        features.pow(2).mean().backward();
        var power = fft.fft2(image.grad!).abs().pow(2).sum(dim: [0, 1]); // [H,W]
        var k = arange(size);
        var high = k.gt(3 * size / 8).logical_and(k.lt(5 * size / 8));  // |f| > 3π/4
        var band = high.unsqueeze(1).logical_or(high.unsqueeze(0));
        return power.masked_select(band).sum().item<float>() / power.sum().item<float>();
    }

    static Tensor Checkerboard(long h, long w)
    {
        var y = arange(h).unsqueeze(1);
        var x = arange(w).unsqueeze(0);
        return (x + y).remainder(2).mul(2).sub(1).to(ScalarType.Float32).unsqueeze(0).unsqueeze(0); // ±1, [1,1,H,W]
    }
}
