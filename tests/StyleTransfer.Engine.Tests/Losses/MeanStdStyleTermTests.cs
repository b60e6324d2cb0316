using StyleTransfer.Engine.Losses.Terms;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Losses;

public class MeanStdStyleTermTests
{
    static LossInput Input(Tensor features) => new(features, new Dictionary<string, Tensor> { ["f"] = features });

    static Tensor Features(int seed, float mean, float std, int h = 6, int w = 5)
    {
        using var g = new Generator((ulong)seed);
        return randn(1, 4, h, w, generator: g).mul(std).add(mean);
    }

    [Fact]
    public void Is_zero_for_the_styles_moments_at_any_positions_and_size_and_grows_with_a_shift()
    {
        using var scope = NewDisposeScope();
        var style = Features(1, 0.5f, 2f);
        using var term = new MeanStdStyleTerm("f", [(style, 1.0)]);
        // The same values, spatially shuffled and laid out at another size: the same per-channel moments.
        var shuffled = style.reshape(4, 30).index_select(1, randperm(30, generator: new Generator(3))).reshape(1, 4, 3, 10);

        Assert.Equal(0.0, term.Compute(Input(shuffled)).ToDouble(), 6);
        double small = term.Compute(Input(shuffled + 0.1f)).ToDouble(), large = term.Compute(Input(shuffled + 0.5f)).ToDouble();
        Assert.True(small > 0 && large > 10 * small, $"shift 0.1 → {small}, shift 0.5 → {large}");
        Assert.True(term.Compute(Input(shuffled * 1.5f)).ToDouble() > 0, "a change of spread is not seen");
    }

    [Fact]
    public void Blends_styles_by_the_weighted_mean_of_their_moments()
    {
        using var scope = NewDisposeScope();
        var a = Features(1, 0f, 1f);
        var b = Features(2, 4f, 3f);
        using var blended = new MeanStdStyleTerm("f", [(a, 3.0), (b, 1.0)]);
        var mean = a.mean([2, 3], keepdim: true) * 0.75f + b.mean([2, 3], keepdim: true) * 0.25f;
        var std = a.std([2, 3], keepdim: true, unbiased: false) * 0.75f + b.std([2, 3], keepdim: true, unbiased: false) * 0.25f;
        // An image with exactly the blended moments: standardized noise scaled and shifted per channel.
        var noise = Features(9, 0f, 1f);
        var standardized = (noise - noise.mean([2, 3], keepdim: true)) / noise.std([2, 3], keepdim: true, unbiased: false);
        var target = standardized * std + mean;

        Assert.Equal(0.0, blended.Compute(Input(target)).ToDouble(), 5);
        Assert.True(blended.Compute(Input(a)).ToDouble() > 0.01);
    }

    [Fact]
    public void Its_gradient_moves_the_features_toward_the_styles_moments()
    {
        using var scope = NewDisposeScope();
        using var term = new MeanStdStyleTerm("f", [(Features(1, 2f, 0.5f), 1.0)]);
        var x = Features(2, -1f, 2f).requires_grad_();
        double before = term.Compute(Input(x)).ToDouble();
        for (int step = 0; step < 20; step++)
        {
            // The term is a mean over positions relative to the target's size: its gradient per element is small.
            term.Compute(Input(x)).backward();
            using (no_grad()) x.sub_(x.grad * 100f);
            x.grad.zero_();
        }

        double after = term.Compute(Input(x)).ToDouble();
        Assert.True(after < 0.01 * before, $"term {before} → {after} after 20 gradient steps");
    }
}
