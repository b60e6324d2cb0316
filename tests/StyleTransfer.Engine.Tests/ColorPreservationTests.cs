using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests;

public class ColorPreservationTests
{
    [Fact]
    public void Yiq_round_trip_is_identity()
    {
        using var rgb = rand(1, 3, 8, 8);
        using var yiq = ColorPreservation.ToYiq(rgb);
        using var back = ColorPreservation.ToRgb(yiq);
        Assert.True(rgb.allclose(back, atol: 2e-3));
    }

    [Fact]
    public void Recombine_keeps_content_chroma_and_result_luminance()
    {
        using var content = rand(1, 3, 8, 8).mul(0.5).add(0.25);
        using var grey = full(new long[] { 1, 3, 8, 8 }, 0.6f);
        using var result = ColorPreservation.Recombine(grey, content);
        using var r = ColorPreservation.ToYiq(result);
        using var c = ColorPreservation.ToYiq(content);
        Assert.True(r[.., 0].allclose(full(new long[] { 1, 8, 8 }, 0.6f), atol: 0.02));
        Assert.True(r[.., 1..3].allclose(c[.., 1..3], atol: 0.02));
    }

    [Fact]
    public void Matched_style_luminance_takes_the_content_mean_and_deviation()
    {
        using var style = rand(1, 3, 16, 16);
        using var content = rand(1, 3, 16, 16).mul(0.3).add(0.2);
        using var matched = ColorPreservation.MatchedStyleLuminance(style, content);
        using var yc = ColorPreservation.ToYiq(content)[.., 0];
        Assert.Equal(yc.mean().ToDouble(), matched[.., 0].mean().ToDouble(), 2);
        Assert.Equal(yc.std().ToDouble(), matched[.., 0].std().ToDouble(), 2);
    }
}
