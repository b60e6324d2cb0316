using StyleTransfer.Engine.Evaluation;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Evaluation;

public class SlicedWassersteinTests
{
    static Tensor Cloud(long n, int seed) => randn([n, 3], ScalarType.Float64, generator: new Generator((ulong)seed)) * 20;

    [Fact]
    public void Identical_sets_are_zero_apart_whatever_the_order()
    {
        using var a = Cloud(500, 1);
        using var shuffled = a.index_select(0, randperm(500, generator: new Generator(2)));
        Assert.Equal(0.0, QualityMetrics.SlicedWasserstein(a, a), 12);
        Assert.Equal(0.0, QualityMetrics.SlicedWasserstein(a, shuffled), 12);
    }

    [Fact]
    public void A_translated_set_is_as_far_as_the_translation()
    {
        using var a = Cloud(400, 3);
        using var shift = tensor(new[] { 3.0, -4.0, 12.0 }); // |shift| = 13
        using var b = a + shift;
        Assert.Equal(13.0, QualityMetrics.SlicedWasserstein(a, b), 9);
        Assert.Equal(13.0, QualityMetrics.SlicedWasserstein(b, a, projections: 7, seed: 99), 9);
    }

    [Fact]
    public void One_dimensional_sets_give_the_exact_wasserstein_distance()
    {
        // Same size: sorted 0,1,3 vs 2,4,10 → differences 2,3,7 → sqrt((4 + 9 + 49) / 3).
        using var a = tensor(new[] { 3.0, 0.0, 1.0 }, [3, 1]);
        using var b = tensor(new[] { 10.0, 2.0, 4.0 }, [3, 1]);
        Assert.Equal(Math.Sqrt(62.0 / 3), QualityMetrics.SlicedWasserstein(a, b), 12);

        // Different sizes: {1,5} at the 4 quantiles of {0,1,2,3} (positions -¼,¼,¾,1¼ clamped) → 1,2,4,5.
        using var c = tensor(new[] { 0.0, 1.0, 2.0, 3.0 }, [4, 1]);
        using var d = tensor(new[] { 5.0, 1.0 }, [2, 1]);
        Assert.Equal(Math.Sqrt((1 + 1 + 4 + 4) / 4.0), QualityMetrics.SlicedWasserstein(c, d), 12);
    }

    [Fact]
    public void Same_seed_reproduces_and_the_value_grows_with_the_difference()
    {
        using var a = Cloud(300, 4);
        using var b = Cloud(200, 5) * 1.5;
        using var c = Cloud(200, 5) * 3;
        double ab = QualityMetrics.SlicedWasserstein(a, b, 64, 11);
        Assert.Equal(ab, QualityMetrics.SlicedWasserstein(a, b, 64, 11));
        Assert.NotEqual(ab, QualityMetrics.SlicedWasserstein(a, b, 64, 12));
        Assert.True(QualityMetrics.SlicedWasserstein(a, c, 64, 11) > ab);
    }

    [Fact]
    public void Bad_shapes_are_refused()
    {
        using var a = zeros(4, 3);
        using var b = zeros(4, 2);
        using var empty = zeros(0, 3);
        Assert.Throws<ArgumentException>(() => QualityMetrics.SlicedWasserstein(a, b));
        Assert.Throws<ArgumentException>(() => QualityMetrics.SlicedWasserstein(a, empty));
    }
}
