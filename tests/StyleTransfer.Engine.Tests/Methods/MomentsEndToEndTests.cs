using StyleTransfer.Engine.Imaging;
using StyleTransfer.Engine.Methods;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Methods;

/// <summary>The moments method (Li et al., IJCAI 2017) through the engine with the real ResNet-18, on tiny images.</summary>
public class MomentsEndToEndTests : IClassFixture<GatysEndToEndTests.EngineFixture>, IDisposable
{
    readonly StylizationEngine _engine;
    readonly TestImages _images = new();

    public MomentsEndToEndTests(GatysEndToEndTests.EngineFixture fixture) => _engine = fixture.Engine;

    public void Dispose() => _images.Dispose();

    static readonly StylizeOptions Small = new() { Method = "moments", Shared = new() { MaxSize = 64, Iterations = 25 } };

    [Fact]
    public void Moves_the_output_toward_the_style_its_loss_falls_and_it_differs_from_gatys()
    {
        var content = _images.Content();
        var style = _images.Style();
        var losses = new List<double>();
        var result = _engine.Stylize(new StylizeRequest(content, [new StyleInput(style)], Small), new SyncProgress(p => losses.Add(p.Loss)));
        var gatys = _engine.Stylize(new StylizeRequest(content, [new StyleInput(style)], Small with { Method = "gatys" }));

        Assert.Equal(25, losses.Count);
        Assert.True(losses[^1] < 0.5 * losses[0], $"loss {losses[0]} → {losses[^1]}");
        using var output = ImageIO.LoadTensor(_images.WriteBytes("out.png", result.Png), 64, 48);
        using var c = ImageIO.LoadTensor(content, 64);
        using var s = ImageIO.LoadTensor(style, 64);
        static double Distance(Tensor a, Tensor b) => (a.mean([0, 2, 3]) - b.mean([0, 2, 3])).abs().mean().ToDouble()
            + (a.std([2, 3]) - b.std([2, 3])).abs().mean().ToDouble();
        Assert.True(Distance(output, s) < 0.8 * Distance(c, s), $"moments distance to style: content {Distance(c, s):F3}, output {Distance(output, s):F3}");
        Assert.NotEqual(gatys.Png, result.Png);
    }
}
