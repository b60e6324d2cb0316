using StyleTransfer.Cli.Inputs;

namespace StyleTransfer.Cli.Tests;

public sealed class StyleArgumentTests
{
    [Fact]
    public void Plain_path_has_weight_one()
    {
        using var dir = new TempFolder();
        var path = dir.File("a.png");
        Assert.Equal(new StyleArgument(path, 1.0), StyleArgument.Parse(path));
    }

    [Fact]
    public void Weight_follows_the_last_equals_sign()
    {
        using var dir = new TempFolder();
        var path = dir.File("a.png");
        Assert.Equal(new StyleArgument(path, 0.3), StyleArgument.Parse(path + "=0.3"));
        Assert.Equal(new StyleArgument(path, 2), StyleArgument.Parse(path + "=2"));
    }

    [Fact]
    public void A_path_containing_equals_signs_still_works()
    {
        using var dir = new TempFolder();
        var path = dir.File("x=1.png");
        Assert.Equal(new StyleArgument(path, 1.0), StyleArgument.Parse(path));
        Assert.Equal(new StyleArgument(path, 0.5), StyleArgument.Parse(path + "=0.5"));
    }

    [Theory]
    [InlineData("=0", "must be a positive number")]
    [InlineData("=-1", "must be a positive number")]
    [InlineData("=NaN", "must be a positive number")]
    [InlineData("=heavy", "'heavy' is not a number")]
    public void Bad_weights_are_usage_errors(string suffix, string problem)
    {
        using var dir = new TempFolder();
        var path = dir.File("a.png");
        var e = Assert.Throws<UsageException>(() => StyleArgument.Parse(path + suffix));
        Assert.StartsWith("--style", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Missing_style_is_a_usage_error_naming_the_file()
    {
        var e = Assert.Throws<UsageException>(() => StyleArgument.Parse("/nope/starry.jpg=0.5"));
        Assert.Equal("--style /nope/starry.jpg: no such file", e.Message);
    }
}
