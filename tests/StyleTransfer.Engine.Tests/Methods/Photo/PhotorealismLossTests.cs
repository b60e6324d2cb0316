using StyleTransfer.Engine.Methods.Photo;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Methods.Photo;

/// <summary>The photorealism term's value, autograd gradient, analytic gradient 2λ/N·M·V and finite differences.</summary>
public class PhotorealismLossTests
{
    [Fact]
    public void Gradient_matches_the_analytic_form_and_finite_differences()
    {
        using var content = MattingLaplacianTests.Photo(5, 6);
        using var laplacian = MattingLaplacian.Build(content, 1e-4, ScalarType.Float64);
        var loss = new PhotorealismLoss(laplacian, 3.0);
        using var generator = new Generator(11);
        using var x0 = rand([1, 3, 5, 6], ScalarType.Float64, generator: generator);

        using var x = x0.clone().requires_grad_(true);
        using var value = loss.Compute(x);
        value.backward();
        using var analytic = loss.Gradient(x0);
        Assert.True((x.grad! - analytic).abs().max().ToDouble() < 1e-10, "autograd gradient differs from 2λ/N·M·V");

        // Value: λ/N Σ_c V_cᵀ M V_c through the sparse matrix.
        using var sparse = laplacian.ToSparse();
        using var columns = x0.reshape(3, 30).t();
        double expected = (columns * sparse.mm(columns)).sum().ToDouble() * 3.0 / 30;
        Assert.Equal(expected, value.ToDouble(), 9);

        var point = x0.data<double>().ToArray();
        var gradient = analytic.data<double>().ToArray();
        const double h = 1e-6;
        for (int i = 0; i < point.Length; i += 7)
        {
            double Eval(double delta)
            {
                var p = (double[])point.Clone();
                p[i] += delta;
                using var t = tensor(p, x0.shape, ScalarType.Float64);
                using var v = loss.Compute(t);
                return v.ToDouble();
            }
            double numeric = (Eval(h) - Eval(-h)) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[i]) <= 1e-7 + 1e-5 * Math.Abs(numeric),
                $"element {i}: analytic {gradient[i]} vs finite difference {numeric}");
        }
    }

    [Fact]
    public void Scales_with_lambda_and_is_resolution_normalized()
    {
        using var content = MattingLaplacianTests.Photo(24, 24).to(ScalarType.Float32);
        using var generator = new Generator(2);
        using var output = (content + 0.05f * randn(content.shape, generator: generator)).clamp(0, 1);
        using var l = MattingLaplacian.Build(content);
        double a = new PhotorealismLoss(l, 1).Compute(output).ToDouble();
        double b = new PhotorealismLoss(l, 1e4).Compute(output).ToDouble();
        Assert.Equal(1e4, b / a, 3);

        // Twice the size with noise of the same strength: the per-pixel normalization keeps the loss comparable.
        using var big = MattingLaplacianTests.Photo(48, 48).to(ScalarType.Float32);
        using var bigOutput = (big + 0.05f * randn(big.shape, generator: generator)).clamp(0, 1);
        using var lb = MattingLaplacian.Build(big);
        double c = new PhotorealismLoss(lb, 1).Compute(bigOutput).ToDouble();
        Assert.InRange(c / a, 0.7, 1.4);
    }
}
