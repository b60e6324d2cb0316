using System.Diagnostics;
using StyleTransfer.Engine.Methods.Photo;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Methods.Photo;

/// <summary>The matting Laplacian against Levin et al.'s formula and its defining properties, on tiny images.</summary>
public class MattingLaplacianTests
{
    /// <summary>A smooth colourful image with a sharp edge, [1,3,H,W] in [0,1], float64.</summary>
    internal static Tensor Photo(int h, int w, int seed = 1)
    {
        using var g = new Generator((ulong)seed);
        var y = linspace(0, 1, h, ScalarType.Float64).reshape(1, 1, h, 1).expand(1, 1, h, w);
        var x = linspace(0, 1, w, ScalarType.Float64).reshape(1, 1, 1, w).expand(1, 1, h, w);
        var edge = (x + 0.3 * y).gt(0.6).to(ScalarType.Float64);
        var rgb = cat([0.2 + 0.5 * x + 0.2 * edge, 0.3 + 0.4 * y * x, 0.8 - 0.5 * edge * y], 1);
        return (rgb + 0.05 * rand([1, 3, h, w], ScalarType.Float64, generator: g)).clamp(0, 1);
    }

    /// <summary>Levin et al.'s L by explicit loops over windows and pixel pairs (dense, for tiny images).</summary>
    static double[,] Reference(Tensor image, double eps)
    {
        int h = (int)image.shape[2], w = (int)image.shape[3], n = h * w;
        var px = image[0].permute(1, 2, 0).contiguous().data<double>().ToArray(); // [H,W,3]
        var l = new double[n, n];
        for (int cy = 1; cy < h - 1; cy++)
            for (int cx = 1; cx < w - 1; cx++)
            {
                var idx = new int[9];
                var col = new double[9, 3];
                var mu = new double[3];
                for (int a = 0; a < 9; a++)
                {
                    idx[a] = (cy + a / 3 - 1) * w + cx + a % 3 - 1;
                    for (int c = 0; c < 3; c++) { col[a, c] = px[idx[a] * 3 + c]; mu[c] += col[a, c] / 9; }
                }
                var cov = new double[3, 3];
                for (int a = 0; a < 9; a++)
                    for (int i = 0; i < 3; i++)
                        for (int j = 0; j < 3; j++)
                            cov[i, j] += (col[a, i] - mu[i]) * (col[a, j] - mu[j]) / 9;
                for (int i = 0; i < 3; i++) cov[i, i] += eps / 9;
                var inv = Invert3(cov);
                for (int a = 0; a < 9; a++)
                    for (int b = 0; b < 9; b++)
                    {
                        double q = 0;
                        for (int i = 0; i < 3; i++)
                            for (int j = 0; j < 3; j++)
                                q += (col[a, i] - mu[i]) * inv[i, j] * (col[b, j] - mu[j]);
                        l[idx[a], idx[b]] += (a == b ? 1 : 0) - (1 + q) / 9;
                    }
            }
        return l;
    }

    static double[,] Invert3(double[,] m)
    {
        double det = m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1]) - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0])
                   + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);
        var r = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                int i1 = (j + 1) % 3, i2 = (j + 2) % 3, j1 = (i + 1) % 3, j2 = (i + 2) % 3;
                r[i, j] = (m[i1, j1] * m[i2, j2] - m[i1, j2] * m[i2, j1]) / det;
            }
        return r;
    }

    static Tensor Dense(MattingLaplacian l)
    {
        using var sparse = l.ToSparse();
        return sparse.to_dense();
    }

    [Fact]
    public void Matches_levins_formula_entry_by_entry()
    {
        using var image = Photo(6, 7);
        const double eps = 1e-5; // larger than the default so that the reference inverse is well conditioned
        using var l = MattingLaplacian.Build(image, eps, ScalarType.Float64);
        var expected = Reference(image, eps);
        using var dense = Dense(l);
        var actual = dense.data<double>().ToArray();
        int n = 42;
        double worst = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                worst = Math.Max(worst, Math.Abs(actual[i * n + j] - expected[i, j]));
        Assert.True(worst < 1e-8, $"largest entry difference {worst}");
        Assert.True(Math.Abs(expected[20, 20]) > 0.1, "reference is (nearly) empty");
    }

    [Fact]
    public void Is_symmetric_with_zero_row_sums_and_about_25_entries_per_interior_row()
    {
        using var image = Photo(9, 8);
        using var l = MattingLaplacian.Build(image, dtype: ScalarType.Float64);
        using var dense = Dense(l);
        Assert.True((dense - dense.t()).abs().max().ToDouble() < 1e-8, "L is not symmetric");
        Assert.True(dense.sum(1).abs().max().ToDouble() < 1e-8, "rows do not sum to 0");
        using var sparse = l.ToSparse();
        long interiorRow = 4 * 8 + 4;
        Assert.Equal(25, dense[interiorRow].ne(0).sum().ToInt64());
        Assert.True(sparse.SparseIndices.shape[1] <= 25 * 72);
    }

    [Fact]
    public void Multiply_equals_the_sparse_matrix_product_and_the_quadratic_form_is_non_negative()
    {
        using var image = Photo(10, 12);
        using var l = MattingLaplacian.Build(image, dtype: ScalarType.Float64);
        using var sparse = l.ToSparse();
        using var generator = new Generator(3);
        for (int trial = 0; trial < 5; trial++)
        {
            using var v = randn([1, 3, 10, 12], ScalarType.Float64, generator: generator);
            using var product = l.Multiply(v);
            using var columns = v.reshape(3, 120).t();
            using var expected = sparse.mm(columns).t().reshape(1, 3, 10, 12);
            Assert.True((product - expected).abs().max().ToDouble() < 1e-9, "matrix-free product differs from sparse.mm");
            for (int c = 0; c < 3; c++)
            {
                double form = l.QuadraticForm(v[0, c]).ToDouble();
                Assert.True(form >= -1e-9 * v[0, c].square().sum().ToDouble(), $"vᵀLv = {form} < 0");
            }
        }
    }

    [Fact]
    public void Constant_image_annihilates_ones_and_every_image_does()
    {
        using var flat = full([1, 3, 8, 8], 0.5, ScalarType.Float64);
        using var photo = Photo(8, 8);
        using var one = ones(8, 8, ScalarType.Float64);
        foreach (var image in new[] { flat, photo })
        {
            using var l = MattingLaplacian.Build(image, dtype: ScalarType.Float64);
            using var product = l.Multiply(one);
            Assert.True(product.abs().max().ToDouble() < 1e-8, "L·1 ≠ 0");
        }
        // For a flat image every window contributes I − 11ᵀ/9: the centre pixel of 8×8 lies in 9 windows.
        using var lf = MattingLaplacian.Build(flat, dtype: ScalarType.Float64);
        using var dense = Dense(lf);
        Assert.Equal(9 * (1 - 1.0 / 9), dense[3 * 8 + 3, 3 * 8 + 3].ToDouble(), 6);
    }

    [Fact]
    public void Affine_colour_transform_costs_almost_nothing_while_noise_costs_much_more()
    {
        using var image = Photo(32, 32).to(ScalarType.Float32);
        using var l = MattingLaplacian.Build(image);
        using var matrix = tensor(new float[] { 0.6f, 0.3f, -0.2f, 0.1f, 0.9f, 0.2f, -0.3f, 0.4f, 0.7f }, [3, 3]);
        using var affine = einsum("ij,bjhw->bihw", matrix, image) + tensor(new float[] { 0.1f, -0.05f, 0.2f }).reshape(1, 3, 1, 1);
        using var generator = new Generator(5);
        using var noisy = image + 0.02f * randn(image.shape, generator: generator);
        double affineForm = l.QuadraticForm(affine).ToDouble(), noiseForm = l.QuadraticForm(noisy).ToDouble();
        double imageForm = l.QuadraticForm(image).ToDouble();
        Assert.True(affineForm < 1e-3 * noiseForm, $"affine {affineForm:E3} vs noisy {noiseForm:E3}");
        Assert.True(imageForm < 1e-3 * noiseForm, $"identity {imageForm:E3} vs noisy {noiseForm:E3}");
    }

    [Fact]
    public void Builds_128_by_96_quickly()
    {
        using var image = Photo(96, 128).to(ScalarType.Float32);
        MattingLaplacian.Build(image).Dispose(); // warm-up (JIT, first native calls)
        var best = TimeSpan.MaxValue;
        MattingLaplacian? l = null;
        for (int trial = 0; trial < 3 && best.TotalSeconds >= 2; trial++)
        {
            l?.Dispose();
            var stopwatch = Stopwatch.StartNew();
            l = MattingLaplacian.Build(image);
            if (stopwatch.Elapsed < best) best = stopwatch.Elapsed;
        }
        using var _ = l;
        Assert.True(best.TotalSeconds < 2, $"build took {best.TotalSeconds:F2} s");
        Assert.Equal(new long[] { 25, 96, 128 }, l!.Bands.shape);
        Assert.Equal(ScalarType.Float32, l.Bands.dtype);
    }

    [Fact]
    public void Bad_inputs_are_refused_with_the_problem()
    {
        using var gray = zeros(1, 1, 8, 8);
        Assert.Contains("RGB", Assert.Throws<ArgumentException>(() => MattingLaplacian.Build(gray)).Message);
        using var tiny = zeros(1, 3, 2, 8);
        Assert.Contains("at least", Assert.Throws<ArgumentException>(() => MattingLaplacian.Build(tiny)).Message);
        using var image = zeros(1, 3, 8, 8);
        Assert.Contains("epsilon", Assert.Throws<ArgumentException>(() => MattingLaplacian.Build(image, 0)).Message);
        using var l = MattingLaplacian.Build(image);
        using var wrong = zeros(1, 3, 8, 9);
        Assert.Contains("8×8", Assert.Throws<ArgumentException>(() => l.Multiply(wrong)).Message);
    }
}
