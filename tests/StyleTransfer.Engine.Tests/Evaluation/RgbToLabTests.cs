using StyleTransfer.Engine.Evaluation;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Evaluation;

public class RgbToLabTests
{
    // Reference values: CIE 1976 L*a*b* of sRGB primaries under D65 (e.g. Bruce Lindbloom's calculator).
    [Theory]
    [InlineData(1.0, 1.0, 1.0, 100.0, 0.0, 0.0)]
    [InlineData(0.0, 0.0, 0.0, 0.0, 0.0, 0.0)]
    [InlineData(1.0, 0.0, 0.0, 53.2408, 80.0925, 67.2032)]
    [InlineData(0.0, 1.0, 0.0, 87.7347, -86.1827, 83.1793)]
    [InlineData(0.0, 0.0, 1.0, 32.2970, 79.1875, -107.8602)]
    [InlineData(0.5, 0.5, 0.5, 53.3889, 0.0, 0.0)]
    public void Known_colours(double r, double g, double b, double l, double a, double bb)
    {
        using var rgb = tensor(new[] { r, g, b }, [1, 3]);
        using var lab = QualityMetrics.RgbToLab(rgb);
        var v = lab.data<double>().ToArray();
        Assert.Equal(l, v[0], 2);
        Assert.Equal(a, v[1], 2);
        Assert.Equal(bb, v[2], 2);
    }

    [Fact]
    public void Images_keep_their_layout_and_dtype()
    {
        using var image = rand([1, 3, 4, 5], generator: new Generator(3));
        using var lab = QualityMetrics.RgbToLab(image);
        Assert.Equal(new long[] { 1, 3, 4, 5 }, lab.shape);
        Assert.Equal(ScalarType.Float32, lab.dtype);
        using var pixel = image[0, .., 2, 3].reshape(1, 3);
        using var expected = QualityMetrics.RgbToLab(pixel);
        using var actual = lab[0, .., 2, 3].reshape(1, 3);
        Assert.True(actual.allclose(expected, 1e-4, 1e-4));
    }

    [Fact]
    public void Wrong_channel_count_is_refused()
    {
        using var rgba = zeros(5, 4);
        Assert.Throws<ArgumentException>(() => QualityMetrics.RgbToLab(rgba));
    }
}
