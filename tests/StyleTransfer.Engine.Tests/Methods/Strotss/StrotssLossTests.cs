using StyleTransfer.Engine.Methods.Strotss;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Methods.Strotss;

/// <summary>The STROTSS loss terms on hand-made point sets, and the Laplacian pyramid.</summary>
public class StrotssLossTests
{
    static Tensor Rows(params float[][] rows) => tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]);

    [Fact]
    public void Relaxed_emd_of_identical_sets_is_zero()
    {
        using var scope = NewDisposeScope();
        var x = randn(20, 7, generator: new Generator(1));
        Assert.Equal(0, RelaxedEmd.Cosine(x, x).ToDouble(), 5);
        Assert.True(RelaxedEmd.Euclidean(x, x).ToDouble() < 1e-3);
    }

    [Fact]
    public void Relaxed_emd_takes_the_larger_one_sided_cost()
    {
        using var scope = NewDisposeScope();
        // Cosine: x = {e1}, y = {e1, e2}: x's point finds e1 (0), but e2 finds nothing closer than 1 → max(0, 0.5).
        var x = Rows([1, 0]);
        var y = Rows([1, 0], [0, 1]);
        Assert.Equal(0.5, RelaxedEmd.Cosine(x, y).ToDouble(), 5);
        Assert.Equal(0.5, RelaxedEmd.Cosine(y, x).ToDouble(), 5);

        // Euclidean: a = {(0,0), (3,4)}, b = {(0,0)}: rows 0 and 5 → 2.5; column 0 → 0.
        var a = Rows([0, 0], [3, 4]);
        var b = Rows([0, 0]);
        Assert.Equal(2.5, RelaxedEmd.Euclidean(a, b).ToDouble(), 3);
        Assert.Equal(2.5, RelaxedEmd.Euclidean(b, a).ToDouble(), 3);

        // Three points, both sides non-zero: a' = {(0,0),(1,0),(0,2)}, b' = {(0,1)}:
        // rows 1, √2, 1 → mean (2+√2)/3; column min 1 → the row side wins.
        var a2 = Rows([0, 0], [1, 0], [0, 2]);
        var b2 = Rows([0, 1]);
        Assert.Equal((2 + Math.Sqrt(2)) / 3, RelaxedEmd.Euclidean(a2, b2).ToDouble(), 3);
    }

    [Fact]
    public void Cosine_cost_ignores_magnitude_and_the_emd_gradient_is_finite()
    {
        using var scope = NewDisposeScope();
        var x = randn(10, 5, generator: new Generator(2)).requires_grad_(true);
        var y = randn(12, 5, generator: new Generator(3));
        var loss = RelaxedEmd.Cosine(x, y);
        Assert.Equal(loss.ToDouble(), RelaxedEmd.Cosine(x.detach() * 7, y * 0.1).ToDouble(), 4);
        loss.backward();
        Assert.True(x.grad!.isfinite().all().ToBoolean());
        Assert.True(x.grad!.abs().sum().ToDouble() > 0);
    }

    [Fact]
    public void Moment_term_is_zero_for_identical_sets_and_counts_mean_and_covariance()
    {
        using var scope = NewDisposeScope();
        var x = randn(50, 4, generator: new Generator(4));
        Assert.Equal(0, MomentMatching.Loss(x, x).ToDouble(), 6);
        // Shifting every feature by 1 changes only the mean: (1/d)·Σ|Δμ| = 1.
        Assert.Equal(1, MomentMatching.Loss(x + 1, x).ToDouble(), 4);
        // Scaling by 2 leaves a mean difference |μ| and a covariance difference 3Σ.
        var mu = x.mean([0]);
        var centred = x - mu;
        var sigma = centred.t().matmul(centred) / 50;
        double expected = mu.abs().mean().ToDouble() + (sigma * 3).abs().mean().ToDouble();
        Assert.Equal(expected, MomentMatching.Loss(x * 2, x).ToDouble(), 4);
    }

    [Fact]
    public void Self_similarity_is_zero_for_identical_features_invariant_to_scale_and_sees_structure()
    {
        using var scope = NewDisposeScope();
        var c = rand(64, 16, generator: new Generator(5));
        Assert.Equal(0, SelfSimilarity.Loss(c, c).ToDouble(), 5);
        Assert.Equal(0, SelfSimilarity.Loss(c * 5, c).ToDouble(), 4);
        // Scaling each vector separately keeps every cosine distance too.
        var perRow = rand(64, 1, generator: new Generator(6)) + 0.5;
        Assert.Equal(0, SelfSimilarity.Loss(c * perRow, c).ToDouble(), 4);
        // Reordering the positions breaks the correspondence.
        var shuffled = c.index_select(0, randperm(64, generator: new Generator(7)));
        Assert.True(SelfSimilarity.Loss(shuffled, c).ToDouble() > 0.05);
    }

    [Theory]
    [InlineData(5, 37, 53)]
    [InlineData(3, 64, 48)]
    [InlineData(0, 8, 8)]
    public void Laplacian_pyramid_collapses_to_the_image(int levels, int height, int width)
    {
        using var scope = NewDisposeScope();
        var image = rand(1, 3, height, width, generator: new Generator(8));
        var pyramid = LaplacianPyramid.Build(image, levels);
        Assert.Equal(levels + 1, pyramid.Length);
        if (levels > 0) Assert.True(pyramid[^1].shape[2] < height);
        var back = LaplacianPyramid.Collapse(pyramid);
        Assert.Equal(image.shape, back.shape);
        Assert.True((back - image).abs().max().ToDouble() < 1e-5);
    }

    [Fact]
    public void Yuv_is_orthonormal_with_luma_along_grey()
    {
        using var scope = NewDisposeScope();
        var rgb = rand(30, 3, generator: new Generator(9));
        var yuv = Yuv.FromRgb(rgb);
        Assert.Equal(rgb.norm().ToDouble(), yuv.norm().ToDouble(), 3);
        var grey = Yuv.FromRgb(Rows([0.5f, 0.5f, 0.5f]));
        Assert.Equal(0, grey[0, 1].ToDouble(), 4);
        Assert.Equal(0, grey[0, 2].ToDouble(), 4);
    }

    [Fact]
    public void Hypercolumns_sample_pixel_centres_exactly_and_coarser_maps_bilinearly()
    {
        using var scope = NewDisposeScope();
        var image = arange(12, dtype: ScalarType.Float32).reshape(1, 1, 3, 4);
        var coarse = tensor(new float[] { 10, 20 }, [1, 1, 1, 2]);
        var grid = Hypercolumns.PixelGrid(tensor(new long[] { 0, 5, 11 }), 3, 4);
        var columns = Hypercolumns.Sample([image, coarse], grid);
        Assert.Equal([3L, 2L], columns.shape);
        var pixels = columns[.., 0].data<float>().ToArray();
        Assert.Equal(0, pixels[0], 4);
        Assert.Equal(5, pixels[1], 4);
        Assert.Equal(11, pixels[2], 4);
        // Column 1 of 4 lies at x = 0.375 of the width: on the 2-wide map that is 10 + (0.75 − 0.5)·10 = 12.5.
        Assert.Equal(12.5, columns[1, 1].ToDouble(), 4);
    }
}
