using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Imaging;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Engine.Optimization;
using StyleTransfer.Engine.Tests.Backbones;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Optimization;

public sealed class LowPassPixelImageTests
{
    [Fact]
    public void The_binomial_blur_turns_a_one_pixel_checkerboard_into_flat_grey()
    {
        using var scope = NewDisposeScope();
        var board = Checkerboard(32, 48).mul(0.5).add(0.5).expand(1, 3, 32, 48);

        var blurred = BinomialBlur.Apply(board);

        Assert.Equal(board.shape, blurred.shape);
        Assert.True(blurred.sub(0.5).abs().max().item<float>() < 1e-6f);
    }

    [Fact]
    public void Starts_at_the_given_image_keeps_pixels_in_range_and_restores_after_a_blow_up()
    {
        using var scope = NewDisposeScope();
        var start = rand(1, 3, 16, 16);
        using var image = new LowPassPixelImage(start);
        Assert.True(image.Image().sub(start).abs().max().item<float>() < 1e-6f);

        using (no_grad()) image.Parameters[0].add_(randn(1, 3, 16, 16).mul(5));
        image.AfterStep();
        var stepped = image.Image();
        Assert.True(stepped.min().item<float>() >= -1e-6f && stepped.max().item<float>() <= 1 + 1e-6f);

        using (no_grad()) image.Parameters[0].fill_(float.NaN); // a step that blew up
        image.Restore(start);
        Assert.True(image.Image().sub(start).abs().max().item<float>() < 1e-5f);
    }

    [Fact]
    public void Gatys_with_anti_aliasing_adds_no_one_pixel_checkerboard_where_plain_pixels_get_one()
    {
        using var backbone = ResNet18Backbone.Load(null, CPU);
        double plain = NyquistShareOfChange(backbone, antiAlias: false), filtered = NyquistShareOfChange(backbone, antiAlias: true);

        Assert.True(plain > 0.002, $"plain pixels: {plain:P3} of the change's energy at the Nyquist frequencies");
        Assert.True(filtered < plain / 8, $"anti-aliased {filtered:P4} vs plain {plain:P4}");
    }

    /// <summary>The share of the change's (output − content) energy at a one-pixel period along either axis, after a short run.</summary>
    static double NyquistShareOfChange(IBackbone backbone, bool antiAlias)
    {
        const int size = 64;
        using var scope = NewDisposeScope();
        var content = tensor(SyntheticImage.Chw(size, size, seed: 3), [1, 3, size, size]);
        var style = tensor(SyntheticImage.Chw(size, size, seed: 11), [1, 3, size, size]);
        var result = new GatysStylizer(backbone).Run(content, [(style, 1.0)], new SharedOptions { MaxSize = size, Iterations = 15 },
            new GatysOptions { AntiAlias = antiAlias, TvWeight = 0 });
        var power = fft.fft2(result - content).abs().pow(2).sum(dim: [0, 1]); // [H,W]
        var nyquist = power[size / 2, ..].sum() + power[.., size / 2].sum() - power[size / 2, size / 2];
        return nyquist.item<float>() / power.sum().item<float>();
    }

    static Tensor Checkerboard(long h, long w)
    {
        var y = arange(h).unsqueeze(1);
        var x = arange(w).unsqueeze(0);
        return (x + y).remainder(2).mul(2).sub(1).to(ScalarType.Float32).unsqueeze(0).unsqueeze(0); // ±1, [1,1,H,W]
    }
}
