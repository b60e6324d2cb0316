using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests;

/// <summary>
/// The process-wide oneDNN switch that CPU training holds: it changes the kernels of every convolution in the process
/// while held (which is why this project's classes run one after another, see TestParallelization.cs) and restores
/// them when its last holder lets go.
/// </summary>
public class NativeTorchSettingsTests
{
    static readonly Tensor Input = RandomNormal([1, 64, 48, 48], 1);
    static readonly Tensor Weight = RandomNormal([64, 64, 3, 3], 2);

    static Tensor RandomNormal(long[] shape, int seed)
    {
        using var generator = new TorchSharp.torch.Generator((ulong)seed);
        return randn(shape, generator: generator);
    }

    static Tensor Convolve() => nn.functional.conv2d(Input, Weight, padding: [1, 1]);

    static bool Identical(Tensor a, Tensor b) => a.equal(b).all().ToBoolean();

    [Fact]
    public void Without_oneDnn_changes_convolutions_while_held_and_is_restored_after_its_last_holder()
    {
        using var before = Convolve();
        var outer = NativeTorchSettings.WithoutOneDnn();
        if (outer is null) return; // this platform's libtorch does not export the switch: nothing is switched
        Tensor inner, afterInner;
        using (outer)
        {
            inner = Convolve();
            using (NativeTorchSettings.WithoutOneDnn()) { }
            afterInner = Convolve();
        }
        using var after = Convolve();

        Assert.True(inner.allclose(before, rtol: 1e-4, atol: 1e-3), "the two kernels compute the same convolution");
        Assert.False(Identical(inner, before), "without oneDNN the last bits differ");
        Assert.True(Identical(afterInner, inner), "still held by the outer holder");
        Assert.True(Identical(after, before), "restored after the last holder");
    }
}
