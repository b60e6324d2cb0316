using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Engine.Optimization;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Methods;

public class GatysFailureTests
{
    /// <summary>
    /// A one-layer "network" (a fixed 3→4 channel 1x1 convolution) that fails on a chosen call, or whose features
    /// are NaN on the chosen calls.
    /// </summary>
    sealed class FlakyBackbone(int failOnCall, Func<int, bool>? nanOnCall = null) : IBackbone
    {
        readonly Tensor _weight = randn(4, 3, 1, 1);
        int _calls;
        public string Name => "flaky";
        public Device Device => CPU;
        public IReadOnlyList<string> LayerNames => ["f"];
        public IReadOnlyList<string> DefaultContentLayers => ["f"];
        public IReadOnlyList<string> DefaultStyleLayers => ["f"];

        public IReadOnlyDictionary<string, Tensor> Extract(Tensor rgb, IReadOnlyCollection<string> layers)
        {
            if (++_calls == failOnCall) throw new InvalidOperationException("backbone failed on purpose");
            var features = nn.functional.conv2d(rgb, _weight);
            if (nanOnCall?.Invoke(_calls) == true) features = features.mul(float.NaN);
            return new Dictionary<string, Tensor> { ["f"] = features };
        }

        public double ForwardFlops(int height, int width, string deepestLayer) => 2.0 * 12 * height * width;
        public void Dispose() => _weight.Dispose();
    }

    [Theory]
    [InlineData(OptimizerKind.Lbfgs)]
    [InlineData(OptimizerKind.Adam)]
    public void An_error_inside_the_optimizer_step_surfaces_as_an_exception_not_a_crash(OptimizerKind optimizer)
    {
        using var backbone = new FlakyBackbone(failOnCall: 5); // two target extractions, then iterations
        using var content = rand(1, 3, 16, 16);
        using var style = rand(1, 3, 16, 16);
        var e = Assert.Throws<InvalidOperationException>(() => new GatysStylizer(backbone)
            .Run(content, [(style, 1.0)], new SharedOptions { MaxSize = 16, Iterations = 10 }, new GatysOptions { Optimizer = optimizer }));
        Assert.Equal("backbone failed on purpose", e.Message);
    }

    [Fact]
    public void A_non_finite_loss_mid_run_restarts_from_the_best_image_and_the_run_completes()
    {
        // Calls 1 and 2 extract the targets; iteration i evaluates on call i + 2.
        using var backbone = new FlakyBackbone(failOnCall: 0, nanOnCall: call => call == 6);
        using var content = rand(1, 3, 16, 16);
        using var style = rand(1, 3, 16, 16);
        var losses = new List<double>();
        using var result = new GatysStylizer(backbone).Run(content, [(style, 1.0)],
            new SharedOptions { MaxSize = 16, Iterations = 10 }, new GatysOptions { StyleLayers = ["f"] },
            counter: new IterationCounter(10, 1, new SyncProgress(p => losses.Add(p.Loss))));

        Assert.Equal(10, losses.Count);
        Assert.True(double.IsNaN(losses[3]));
        Assert.All(losses.Where((_, i) => i != 3), l => Assert.True(double.IsFinite(l)));
        Assert.True(losses[^1] < losses[0], $"loss {losses[0]:G4} → {losses[^1]:G4}");
        Assert.True(isfinite(result).all().ToBoolean());
        Assert.True(result.min().ToDouble() >= 0 && result.max().ToDouble() <= 1);
    }

    [Fact]
    public void A_loss_that_keeps_blowing_up_fails_with_the_divergence_message()
    {
        using var backbone = new FlakyBackbone(failOnCall: 0, nanOnCall: call => call > 4);
        using var content = rand(1, 3, 16, 16);
        using var style = rand(1, 3, 16, 16);
        var e = Assert.Throws<InvalidOperationException>(() => new GatysStylizer(backbone)
            .Run(content, [(style, 1.0)], new SharedOptions { MaxSize = 16, Iterations = 100 }, new GatysOptions { StyleLayers = ["f"] }));
        Assert.Contains("diverged", e.Message);
    }
}
