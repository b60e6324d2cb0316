using System.Security.Cryptography;
using SixLabors.ImageSharp;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.FeedForward;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Methods.FeedForward;

/// <summary>Methods fast and adain through the engine: one pass, the model's style enforced, alpha, settings that do not apply refused.</summary>
public class FeedForwardMethodTests(FeedForwardFixture fixture) : IClassFixture<FeedForwardFixture>
{
    readonly StylizationEngine _engine = new("cpu");

    string FastModelFor(string stylePath, string name)
    {
        random.manual_seed(3);
        var header = new ModelHeader
        {
            Kind = ModelKind.Fast, TransformNet = FeedForwardFixture.Tiny, Backbone = "resnet18", Steps = 1,
            StyleSha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(stylePath))),
        };
        using var model = new FastStyleModel(header, new TransformNet(FeedForwardFixture.Tiny), CPU);
        var path = Path.Combine(fixture.Images.Folder, name);
        model.Save(path);
        return path;
    }

    string Decoder(string name)
    {
        random.manual_seed(4);
        var architecture = AdaInArchitecture.For("layer1", 0.25);
        using var decoder = new AdaInDecoder(architecture);
        var path = Path.Combine(fixture.Images.Folder, name);
        ModelFile.Write(path, new ModelHeader { Kind = ModelKind.AdaInDecoder, Decoder = architecture, Backbone = "resnet18" }, ModelFile.ModuleBytes(decoder));
        return path;
    }

    StylizeResult Run(string method, string style, FastOptions? fast = null, AdaInOptions? adain = null) =>
        _engine.Stylize(new StylizeRequest(Path.Combine(fixture.ContentFolder, "a.png"), [new StyleInput(style)], new StylizeOptions
        {
            Method = method, Shared = new() { MaxSize = 48 }, Fast = fast ?? new(), AdaIn = adain ?? new(),
        }));

    [Fact]
    public void Fast_stylizes_in_one_pass_at_the_content_size_and_the_same_model_gives_the_same_image()
    {
        var model = FastModelFor(fixture.StylePath, "stripes-fast.model");
        var first = Run("fast", fixture.StylePath, new FastOptions { ModelPath = model });
        var second = Run("fast", fixture.StylePath, new FastOptions { ModelPath = model });
        Assert.Equal(1, first.Iterations);
        using var image = Image.Load(first.Png);
        Assert.Equal((48, 40), (image.Width, image.Height));
        Assert.Equal(first.Png, second.Png);
    }

    [Fact]
    public void Fast_refuses_a_style_its_model_was_not_trained_for()
    {
        var model = FastModelFor(fixture.StylePath, "stripes-only.model");
        var other = Path.Combine(fixture.StyleFolder, "dots.png");
        var e = Assert.Throws<InvalidInputException>(() => Run("fast", other, new FastOptions { ModelPath = model }));
        Assert.Contains("was trained for another style image", e.Message);
        Assert.Contains(other, e.Message);
    }

    [Fact]
    public void Adain_takes_any_style_and_alpha_moves_the_output_from_the_content_reconstruction_to_the_style()
    {
        var decoder = Decoder("decoder.model");
        var dots = Path.Combine(fixture.StyleFolder, "dots.png");
        var full = Run("adain", dots, adain: new AdaInOptions { ModelPath = decoder, Alpha = 1 });
        var none = Run("adain", dots, adain: new AdaInOptions { ModelPath = decoder, Alpha = 0 });
        var stripes = Run("adain", fixture.StylePath, adain: new AdaInOptions { ModelPath = decoder, Alpha = 1 });
        Assert.NotEqual(full.Png, none.Png);
        Assert.NotEqual(full.Png, stripes.Png);
        Assert.Equal(1, full.Iterations);
    }

    [Fact]
    public void Settings_that_feed_forward_methods_do_not_read_are_refused()
    {
        var fast = new StylizeOptions { Method = "fast", Fast = new() { ModelPath = "m" }, Shared = new() { Iterations = 50 } };
        Assert.Contains("shared settings (Iterations 50) do not apply to method fast", Assert.Throws<ArgumentException>(fast.Validate).Message);
        var alphaUnderFast = new StylizeOptions { Method = "fast", Fast = new() { ModelPath = "m" }, AdaIn = new() { Alpha = 0.5 } };
        Assert.Contains("adain settings (Alpha 0.5) do not apply to method fast", Assert.Throws<ArgumentException>(alphaUnderFast.Validate).Message);
        var badAlpha = new StylizeOptions { Method = "adain", AdaIn = new() { ModelPath = "d", Alpha = 1.5 } };
        Assert.Equal("alpha 1.5 is out of range [0, 1]", Assert.Throws<ArgumentException>(badAlpha.Validate).Message);
        Assert.Contains("needs a model", Assert.Throws<ArgumentException>(new StylizeOptions { Method = "fast" }.Validate).Message);
    }
}
