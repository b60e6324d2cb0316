using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Methods.Gatys;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Methods;

public class GatysFailureTests
{
    /// <summary>A one-layer "network" (a fixed 3→4 channel 1x1 convolution) that fails on a chosen call.</summary>
    sealed class FlakyBackbone(int failOnCall) : IBackbone
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
            return new Dictionary<string, Tensor> { ["f"] = nn.functional.conv2d(rgb, _weight) };
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
            .Run(content, [(style, 1.0)], new GatysOptions { MaxSize = 16, Iterations = 10, Optimizer = optimizer }));
        Assert.Equal("backbone failed on purpose", e.Message);
    }
}
