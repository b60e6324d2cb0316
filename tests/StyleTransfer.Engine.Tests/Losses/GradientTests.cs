using StyleTransfer.Engine.Losses;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Losses;

/// <summary>Autograd gradients of the losses against central finite differences, in double precision.</summary>
public class GradientTests
{
    static void AssertGradientMatchesFiniteDifferences(Func<Tensor, Tensor> f, Tensor x0)
    {
        using var x = x0.clone().requires_grad_(true);
        using var value = f(x);
        value.backward();
        var analytic = x.grad!.data<double>().ToArray();
        var point = x0.data<double>().ToArray();
        const double h = 1e-6;
        for (int i = 0; i < point.Length; i += Math.Max(1, point.Length / 12))
        {
            double Eval(double delta)
            {
                var p = (double[])point.Clone();
                p[i] += delta;
                using var t = tensor(p, x0.shape, ScalarType.Float64);
                using var v = f(t);
                return v.ToDouble();
            }
            double numeric = (Eval(h) - Eval(-h)) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[i]) <= 1e-6 + 1e-4 * Math.Abs(numeric),
                $"element {i}: autograd {analytic[i]} vs finite difference {numeric}");
        }
    }

    [Fact]
    public void Content_loss_gradient()
    {
        using var target = randn(1, 3, 4, 4, ScalarType.Float64);
        using var loss = new ContentLoss(target);
        AssertGradientMatchesFiniteDifferences(loss.Compute, randn(1, 3, 4, 4, ScalarType.Float64));
    }

    [Fact]
    public void Style_loss_gradient_with_softmax_transform_and_masks()
    {
        using var style = randn(1, 3, 4, 4, ScalarType.Float64);
        using var styleMask = tensor(new double[] { 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0 }, [4, 4], ScalarType.Float64);
        using var contentMask = ones(4, 4, ScalarType.Float64).mul(0.5);
        using var loss = new StyleLoss(f => SoftmaxTransform.Apply(f, 2.0));
        loss.AddBlended([(style, 1.0)]);
        loss.AddRegions(style, [(styleMask, contentMask, 0.5)]);
        AssertGradientMatchesFiniteDifferences(loss.Compute, randn(1, 3, 4, 4, ScalarType.Float64));
    }

    [Fact]
    public void Total_variation_gradient() =>
        AssertGradientMatchesFiniteDifferences(TotalVariation.Of, rand(1, 3, 5, 4, ScalarType.Float64));
}
