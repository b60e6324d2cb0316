using StyleTransfer.Engine.Losses;
using StyleTransfer.Engine.Losses.Terms;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Losses;

public class SlicedWassersteinColorTermTests
{
    const int H = 8, W = 16;

    static LossInput Input(Tensor image) => new(image, new Dictionary<string, Tensor>());

    /// <summary>[1,3,H,W] from colours [H·W,3] in row-major pixel order.</summary>
    static Tensor Image(Tensor colors) => colors.t().reshape(1, 3, H, W).contiguous();

    static Tensor LeftHalf() => (arange(W) < W / 2).to(ScalarType.Float32).reshape(1, W).expand(H, W).contiguous();

    static Tensor RandomColors(long n, int seed, float mean, float spread)
    {
        using var g = new Generator((ulong)seed);
        return (rand(n, 3, generator: g) - 0.5f).mul(spread).add(mean).clamp(0, 1);
    }

    [Fact]
    public void Is_zero_when_the_regions_colours_are_the_styles_in_any_order_and_a_shift_costs_its_squared_length()
    {
        using var scope = NewDisposeScope();
        var style = RandomColors(H * W, 1, 0.5f, 0.4f);
        using var term = new SlicedWassersteinColorTerm([(ones(H, W), style)]);
        var shuffled = style.index_select(0, randperm(H * W, generator: new Generator(7)));

        Assert.Equal(0.0, term.Compute(Input(Image(shuffled))).ToDouble(), 10);
        var shift = tensor(new[] { 0.1f, -0.05f, 0.02f });
        Assert.Equal(0.01 + 0.0025 + 0.0004, term.Compute(Input(Image(shuffled + shift))).ToDouble(), 5);
    }

    [Fact]
    public void Decreases_as_the_regions_colour_distribution_approaches_the_styles()
    {
        using var scope = NewDisposeScope();
        var style = RandomColors(300, 1, 0.3f, 0.5f);           // more style pixels than image pixels: quantiles interpolated
        var content = RandomColors(H * W, 2, 0.7f, 0.2f);
        using var term = new SlicedWassersteinColorTerm([(ones(H, W), style)]);
        // Blending toward other draws of the style's distribution: at t = 1 only the sampling differs.
        var values = Enumerable.Range(0, 6).Select(i => i / 5.0f)
            .Select(t => term.Compute(Input(Image(content * (1 - t) + RandomColors(H * W, 3, 0.3f, 0.5f) * t))).ToDouble())
            .ToList();

        for (int i = 1; i < values.Count; i++)
            Assert.True(values[i] < values[i - 1], $"term along the blend: {string.Join(", ", values.Select(v => v.ToString("E3")))}");
        Assert.True(values[^1] < 0.05 * values[0], $"term along the blend: {string.Join(", ", values.Select(v => v.ToString("E3")))}");
    }

    [Fact]
    public void Sees_a_wrong_distribution_that_the_colour_moments_miss()
    {
        using var scope = NewDisposeScope();
        // Style: two colour clusters, dark blue and light yellow, half the pixels each. Image: a continuum of washed-out
        // colours between them, uniform along the same line, with the same mean and second moments — what the
        // pixels Gram alone accepts.
        var (blue, yellow) = (tensor(new[] { 0.1f, 0.2f, 0.6f }), tensor(new[] { 0.9f, 0.8f, 0.4f }));
        var (mean, half) = ((blue + yellow) / 2, (yellow - blue) / 2);
        var sign = cat([full(H * W / 2, 1, -1f), full(H * W / 2, 1, 1f)]);
        var uniform = linspace(-1, 1, H * W).reshape(-1, 1);
        uniform = (uniform - uniform.mean()) / uniform.square().mean().sqrt();   // mean 0, mean square 1, like sign
        var style = mean + sign * half;
        var washedOut = mean + uniform * half;

        using var term = new SlicedWassersteinColorTerm([(ones(H, W), style)]);
        using var moments = new StyleLoss();
        moments.AddBlended([(Image(style), 1.0)]);

        double momentLoss = moments.Compute(Image(washedOut)).ToDouble(), distribution = term.Compute(Input(Image(washedOut))).ToDouble();
        Assert.True(momentLoss < 1e-9, $"pixels Gram loss of the washed-out image {momentLoss:E3}");
        // 1-D: E[(u − sign)²] = 2 − 2·E|u| = 2 − √3 for u uniform on [−√3, √3], times |half|² = 0.26.
        Assert.Equal((2 - Math.Sqrt(3)) * 0.26, distribution, 2);
    }

    [Fact]
    public void Compares_each_region_with_its_own_style_region_weighted_by_its_share_of_the_pixels()
    {
        using var scope = NewDisposeScope();
        var left = LeftHalf();
        var red = tensor(new[] { 0.9f, 0.1f, 0.1f }).expand(40, 3);
        var blue = tensor(new[] { 0.1f, 0.1f, 0.9f }).expand(40, 3);
        using var term = new SlicedWassersteinColorTerm([(left, red), (1 - left, blue)]);
        var isLeft = left.reshape(1, 1, H, W);

        Tensor Paint(Tensor leftColor, Tensor rightColor) =>
            leftColor.reshape(1, 3, 1, 1) * isLeft + rightColor.reshape(1, 3, 1, 1) * (1 - isLeft);

        var r = tensor(new[] { 0.9f, 0.1f, 0.1f });
        var b = tensor(new[] { 0.1f, 0.1f, 0.9f });
        Assert.Equal(0.0, term.Compute(Input(Paint(r, b))).ToDouble(), 8);
        // Swapped: each half is |r − b|² = 1.28 away from its region's colours, each half weighs ½.
        Assert.Equal(1.28, term.Compute(Input(Paint(b, r))).ToDouble(), 4);
        // Only the left half wrong: half the cost.
        Assert.Equal(0.64, term.Compute(Input(Paint(b, b))).ToDouble(), 4);
        Assert.Equal(2, term.RegionCount);
    }

    [Fact]
    public void Its_gradient_moves_a_region_toward_its_styles_colours()
    {
        using var scope = NewDisposeScope();
        var style = RandomColors(200, 1, 0.25f, 0.3f);
        using var term = new SlicedWassersteinColorTerm([(ones(H, W), style)]);
        var image = new TorchSharp.Modules.Parameter(Image(RandomColors(H * W, 2, 0.75f, 0.1f)));
        double before = term.Compute(Input(image)).ToDouble();
        using var optimizer = optim.Adam([image], lr: 0.02);
        for (int i = 0; i < 100; i++)
        {
            optimizer.zero_grad();
            term.Compute(Input(image)).backward();
            optimizer.step();
        }
        double after = term.Compute(Input(image.detach())).ToDouble();
        Assert.True(after < 0.05 * before, $"colour distribution term {before:E3} → {after:E3}");
    }
}
