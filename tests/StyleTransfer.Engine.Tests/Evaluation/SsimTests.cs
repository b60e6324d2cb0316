using StyleTransfer.Engine.Evaluation;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Evaluation;

public class SsimTests
{
    static Tensor Pattern(int size = 32)
    {
        var y = arange(size, ScalarType.Float32).reshape(size, 1);
        var x = arange(size, ScalarType.Float32).reshape(1, size);
        return (x * 0.3f).sin().mul(y * 0.2f + 1).cos().mul(0.4f).add(0.5f);
    }

    [Fact]
    public void Identical_images_score_exactly_one()
    {
        using var x = Pattern();
        Assert.Equal(1.0, QualityMetrics.Ssim(x, x), 12);
        using var rgb = stack([x, x.flip(0), x.flip(1)]).unsqueeze(0);
        Assert.Equal(1.0, QualityMetrics.Ssim(rgb, rgb.clone()), 12);
    }

    [Fact]
    public void Constant_images_give_the_luminance_term_alone()
    {
        // μa = 0.5, μb = 0.3, no variance: SSIM = (2·0.5·0.3 + C1) / (0.5² + 0.3² + C1) with C1 = 0.01².
        using var a = full(16, 16, 0.5f);
        using var b = full(16, 16, 0.3f);
        Assert.Equal((0.3 + 1e-4) / (0.34 + 1e-4), QualityMetrics.Ssim(a, b), 6);
    }

    [Fact]
    public void Noise_lowers_the_score_monotonically_and_the_score_is_symmetric()
    {
        using var x = Pattern();
        var generator = new TorchSharp.torch.Generator(7);
        using var noise = randn([32, 32], generator: generator);
        double previous = 1.0;
        foreach (var level in new[] { 0.02f, 0.05f, 0.1f, 0.3f })
        {
            using var noisy = (x + noise * level).clamp(0, 1);
            double s = QualityMetrics.Ssim(x, noisy);
            Assert.True(s < previous, $"noise {level}: SSIM {s} not below {previous}");
            Assert.Equal(s, QualityMetrics.Ssim(noisy, x), 12);
            previous = s;
        }
        Assert.True(previous < 0.7, $"heavy noise still scores {previous}");
    }

    [Fact]
    public void Images_smaller_than_the_window_still_score()
    {
        using var x = Pattern(6);
        Assert.Equal(1.0, QualityMetrics.Ssim(x, x), 12);
        using var y = x.flip(0);
        Assert.True(QualityMetrics.Ssim(x, y) < 0.99);
    }

    [Fact]
    public void Different_shapes_are_refused()
    {
        using var a = zeros(8, 8);
        using var b = zeros(8, 9);
        Assert.Throws<ArgumentException>(() => QualityMetrics.Ssim(a, b));
    }

    [Fact]
    public void Luma_uses_rec601_weights()
    {
        using var rgb = tensor(new[] { 1f, 0f, 0.5f }, [1, 3, 1, 1]);
        using var y = QualityMetrics.Luma(rgb);
        Assert.Equal(0.299 + 0.114 * 0.5, y.ToDouble(), 6);
    }
}
