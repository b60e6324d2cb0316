using StyleTransfer.Engine.Methods.Photo;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Methods.Photo;

public class GuidedFilterTests
{
    [Fact]
    public void Keeps_an_affine_function_of_the_guide_and_removes_noise_the_guide_lacks()
    {
        using var guide = MattingLaplacianTests.Photo(32, 40).to(ScalarType.Float32);
        using var matrix = tensor(new float[] { 0.5f, 0.3f, 0.1f, -0.2f, 0.8f, 0.3f, 0.1f, 0.1f, 0.6f }, [3, 3]);
        using var affine = einsum("ij,bjhw->bihw", matrix, guide) + 0.1f;
        using var kept = GuidedFilter.Apply(affine, guide, 2, 1e-6);
        Assert.True((kept - affine).abs().mean().ToDouble() < 2e-3, "an affine function of the guide changed");

        using var generator = new Generator(4);
        using var noise = 0.1f * randn(affine.shape, generator: generator);
        using var filtered = GuidedFilter.Apply(affine + noise, guide, 2, 1e-3);
        double before = noise.abs().mean().ToDouble(), after = (filtered - affine).abs().mean().ToDouble();
        Assert.True(after < 0.6 * before, $"noise {before:F4} → {after:F4}");
        Assert.Equal(affine.shape, filtered.shape);
    }

    [Fact]
    public void Refuses_mismatched_guides()
    {
        using var input = zeros(1, 3, 8, 8);
        using var guide = zeros(1, 3, 8, 9);
        Assert.Contains("guide", Assert.Throws<ArgumentException>(() => GuidedFilter.Apply(input, guide, 2, 1e-3)).Message);
        using var ok = zeros(1, 3, 8, 8);
        Assert.Contains("radius", Assert.Throws<ArgumentException>(() => GuidedFilter.Apply(input, ok, 0, 1e-3)).Message);
    }
}
