using StyleTransfer.Engine.Methods.Photo;

namespace StyleTransfer.Engine.Tests.Methods.Photo;

public class PhotoOptionsTests
{
    [Fact]
    public void Defaults_are_the_papers_plus_our_colour_term_and_valid()
    {
        var options = new PhotoOptions();
        options.Validate();
        Assert.Equal(1e4, options.Lambda);
        Assert.Equal(1e-7, options.Epsilon);
        Assert.True(options.Smooth);
        Assert.Equal(100, options.ColorWeight); // chosen on the DPST pairs (README, "Photo's colour against its structure")
        Assert.Equal((50, 150), (options.StyleIterations, options.PhotoIterations)); // the same 200 as gatys, mostly in stage 2 (README)
        Assert.Equal(2, options.Scales); // stage 1 at half size: one scale's quality in less time (README, "Scales")
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Absurd_scales_are_named(int scales) =>
        Assert.Equal($"scales {scales} is out of range (1..6)", Assert.Throws<ArgumentException>(new PhotoOptions { Scales = scales }.Validate).Message);

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    public void An_absurd_colour_distribution_weight_is_named(double weight) =>
        Assert.Contains("colour distribution weight", Assert.Throws<ArgumentException>(new PhotoOptions { ColorWeight = weight }.Validate).Message);

    [Theory]
    [InlineData("lambda", -1.0, 1e-7, 10, 10, 2, 1e-4)]
    [InlineData("lambda", double.NaN, 1e-7, 10, 10, 2, 1e-4)]
    [InlineData("epsilon", 1e4, 0.0, 10, 10, 2, 1e-4)]
    [InlineData("style-stage", 1e4, 1e-7, -1, 10, 2, 1e-4)]
    [InlineData("photorealism-stage", 1e4, 1e-7, 10, -3, 2, 1e-4)]
    [InlineData("both zero", 1e4, 1e-7, 0, 0, 2, 1e-4)]
    [InlineData("smoothing radius", 1e4, 1e-7, 10, 10, 0, 1e-4)]
    [InlineData("smoothing epsilon", 1e4, 1e-7, 10, 10, 2, 0.0)]
    public void Absurd_values_are_named(string expected, double lambda, double epsilon, int style, int photo, int radius, double smoothEpsilon)
    {
        var options = new PhotoOptions
        {
            Lambda = lambda, Epsilon = epsilon, StyleIterations = style, PhotoIterations = photo,
            SmoothRadius = radius, SmoothEpsilon = smoothEpsilon,
        };
        Assert.Contains(expected, Assert.Throws<ArgumentException>(options.Validate).Message);
    }
}
