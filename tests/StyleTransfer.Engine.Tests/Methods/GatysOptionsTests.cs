using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.Gatys;

namespace StyleTransfer.Engine.Tests.Methods;

public class GatysOptionsTests
{
    [Fact]
    public void Defaults_are_valid() => new GatysOptions().Validate();

    [Theory]
    [InlineData(100000, 10, 1, "size")]
    [InlineData(256, 0, 1, "iterations")]
    [InlineData(32, 10, 3, "coarsest scale")]
    public void Absurd_values_are_refused_with_their_name(int size, int iterations, int scales, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => new StylizeOptions { Shared = new() { MaxSize = size, Iterations = iterations }, Gatys = new() { Scales = scales } }.Validate());
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Negative_or_infinite_weights_are_refused()
    {
        Assert.Contains("style weight", Assert.Throws<ArgumentException>(() => new GatysOptions { StyleWeight = -1 }.Validate()).Message);
        Assert.Contains("content weight", Assert.Throws<ArgumentException>(() => new GatysOptions { ContentWeight = double.PositiveInfinity }.Validate()).Message);
    }
}
