using StyleTransfer.Engine.Methods.FeedForward;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Methods.FeedForward;

/// <summary>The AdaIN layer's arithmetic on hand-computed tensors.</summary>
public class AdaInTests
{
    // One sample, two channels, 2x2 positions: channel 0 is 1,2,3,4 (mean 2.5, population variance 1.25),
    // channel 1 is all 5 (mean 5, variance 0).
    static Tensor Features() => tensor(new float[] { 1, 2, 3, 4, 5, 5, 5, 5 }, [1, 2, 2, 2]);

    [Fact]
    public void Moments_are_the_per_channel_mean_and_population_std()
    {
        var (mean, std) = AdaIn.Moments(Features());
        Assert.Equal(new long[] { 1, 2, 1, 1 }, mean.shape);
        Assert.Equal(2.5, mean[0, 0, 0, 0].ToDouble(), 6);
        Assert.Equal(5.0, mean[0, 1, 0, 0].ToDouble(), 6);
        Assert.Equal(Math.Sqrt(1.25 + AdaIn.Epsilon), std[0, 0, 0, 0].ToDouble(), 5);
        Assert.Equal(Math.Sqrt(AdaIn.Epsilon), std[0, 1, 0, 0].ToDouble(), 6);
    }

    [Fact]
    public void Apply_gives_each_channel_the_style_mean_and_std()
    {
        var styleMean = tensor(new float[] { 10, -1 }, [1, 2, 1, 1]);
        var styleStd = tensor(new float[] { 2, 3 }, [1, 2, 1, 1]);
        var result = AdaIn.Apply(Features(), styleMean, styleStd);

        // Channel 0: 10 + 2·(x − 2.5)/√(1.25+ε); at x = 1 that is 10 − 3/√1.25 ≈ 7.3167.
        double s = Math.Sqrt(1.25 + AdaIn.Epsilon);
        Assert.Equal(10 + 2 * (1 - 2.5) / s, result[0, 0, 0, 0].ToDouble(), 4);
        Assert.Equal(10 + 2 * (4 - 2.5) / s, result[0, 0, 1, 1].ToDouble(), 4);
        // Channel 1 is flat: normalized it is 0 everywhere, so it becomes the style's mean.
        Assert.All(result[0, 1].flatten().data<float>().ToArray(), v => Assert.Equal(-1f, v, 4));
        var (mean, std) = AdaIn.Moments(result);
        Assert.Equal(10.0, mean[0, 0, 0, 0].ToDouble(), 4);
        Assert.Equal(2.0, std[0, 0, 0, 0].ToDouble(), 3);
    }

    [Fact]
    public void Alpha_zero_gives_the_content_features_back_and_alpha_blends_linearly()
    {
        var content = Features();
        var styleMean = tensor(new float[] { 10, -1 }, [1, 2, 1, 1]);
        var styleStd = tensor(new float[] { 2, 3 }, [1, 2, 1, 1]);
        Assert.True(AdaIn.Blend(content, styleMean, styleStd, 0).Same(content));
        var full = AdaIn.Apply(content, styleMean, styleStd);
        Assert.True(AdaIn.Blend(content, styleMean, styleStd, 1).Same(full));
        var half = AdaIn.Blend(content, styleMean, styleStd, 0.5);
        Assert.True(half.allclose((content + full) / 2, rtol: 1e-6, atol: 1e-6));
        Assert.Throws<ArgumentOutOfRangeException>(() => AdaIn.Blend(content, styleMean, styleStd, 1.5));
    }

    [Fact]
    public void Statistics_are_per_sample_in_a_batch()
    {
        var batch = cat([Features(), Features() * 3], 0);
        var (mean, _) = AdaIn.Moments(batch);
        Assert.Equal(2.5, mean[0, 0, 0, 0].ToDouble(), 5);
        Assert.Equal(7.5, mean[1, 0, 0, 0].ToDouble(), 5);
    }
}
