using StyleTransfer.Engine.Methods.Gatys;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Methods;

public class DivergenceGuardTests
{
    [Fact]
    public void Keeps_the_best_image_tolerates_small_rises_and_calls_for_a_restart_on_a_blow_up()
    {
        using var guard = new DivergenceGuard();
        using var first = full(1, 0.1f);
        using var better = full(1, 0.2f);
        using var worse = full(1, 0.3f);

        Assert.False(guard.Observe(first, 10));
        Assert.False(guard.Observe(better, 8));
        Assert.False(guard.Observe(worse, 8 * DivergenceGuard.BlowUpFactor)); // a rise within the factor: go on
        Assert.Equal(0.2f, guard.Best!.item<float>());
        Assert.Equal(8, guard.BestLoss);

        Assert.True(guard.Observe(worse, 8 * DivergenceGuard.BlowUpFactor + 1));
        Assert.True(guard.Observe(worse, double.NaN));
        Assert.True(guard.Observe(worse, double.PositiveInfinity));
        Assert.Equal(3, guard.Restarts);
        Assert.Equal(0.2f, guard.Best!.item<float>()); // the blown-up images never become the best
    }

    [Fact]
    public void The_guard_keeps_its_own_copy_of_the_best_image()
    {
        using var guard = new DivergenceGuard();
        using var image = full(1, 0.5f);
        guard.Observe(image, 1);
        image.fill_(0.9f);
        Assert.Equal(0.5f, guard.Best!.item<float>());
    }

    [Fact]
    public void Too_many_blow_ups_or_a_non_finite_start_fail_with_a_clear_message()
    {
        using var guard = new DivergenceGuard();
        using var image = full(1, 0.5f);
        guard.Observe(image, 1);
        for (int i = 0; i < DivergenceGuard.MaxRestarts; i++) Assert.True(guard.Observe(image, 100));
        var e = Assert.Throws<InvalidOperationException>(() => guard.Observe(image, 100));
        Assert.Contains("diverged", e.Message);
        Assert.Contains("lower the learning rate or the style weight", e.Message);

        using var fresh = new DivergenceGuard();
        var start = Assert.Throws<InvalidOperationException>(() => fresh.Observe(image, double.NaN));
        Assert.Contains("at the start", start.Message);
    }
}
