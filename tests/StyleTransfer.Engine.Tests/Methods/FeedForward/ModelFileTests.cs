using System.Text.Json;
using StyleTransfer.Engine.Methods.FeedForward;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Methods.FeedForward;

/// <summary>Model files that do not fit are refused with a message naming the file and the problem.</summary>
public class ModelFileTests(FeedForwardFixture fixture) : IClassFixture<FeedForwardFixture>
{
    static ModelHeader FastHeader(TransformNetArchitecture architecture) => new()
    {
        Kind = ModelKind.Fast, TransformNet = architecture, Backbone = "resnet18", Steps = 1, StyleSha256 = new string('0', 64),
    };

    string SaveFast(string name, TransformNetArchitecture? architecture = null)
    {
        architecture ??= FeedForwardFixture.Tiny;
        using var model = new FastStyleModel(FastHeader(architecture), new TransformNet(architecture), CPU);
        var path = Path.Combine(fixture.Images.Folder, name);
        model.Save(path);
        return path;
    }

    string SaveDecoder(string name, string backbone = "resnet18")
    {
        var architecture = AdaInArchitecture.For("layer1", 0.25);
        var header = new ModelHeader { Kind = ModelKind.AdaInDecoder, Decoder = architecture, Backbone = backbone };
        using var decoder = new AdaInDecoder(architecture);
        var path = Path.Combine(fixture.Images.Folder, name);
        ModelFile.Write(path, header, ModelFile.ModuleBytes(decoder));
        return path;
    }

    static void AssertRefused(string path, string problem, Action load)
    {
        var e = Assert.Throws<InvalidInputException>(load);
        Assert.Equal(path, e.Path);
        Assert.Contains(path, e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void A_valid_file_loads()
    {
        var path = SaveFast("valid.model");
        using var model = FastStyleModel.Load(path);
        Assert.Equal(FeedForwardFixture.Tiny, model.Network.Architecture);
        using var decoder = AdaInModel.Load(SaveDecoder("valid-decoder.model"), fixture.Backbone);
        Assert.Equal("layer1", decoder.EncoderLayer);
    }

    [Fact]
    public void An_image_is_not_a_model_file()
    {
        var path = fixture.StylePath;
        AssertRefused(path, "not a StyleTransfer feed-forward model file", () => FastStyleModel.Load(path));
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = Path.Combine(fixture.Images.Folder, "nowhere.model");
        AssertRefused(path, "not found", () => FastStyleModel.Load(path));
    }

    [Fact]
    public void A_truncated_file_is_refused()
    {
        var path = SaveFast("truncated.model");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);
        AssertRefused(path, "truncated", () => FastStyleModel.Load(path));
        File.WriteAllBytes(path, bytes[..40]);
        AssertRefused(path, "truncated", () => FastStyleModel.Load(path));
    }

    [Fact]
    public void A_corrupt_weight_byte_is_refused()
    {
        var path = SaveFast("corrupt.model");
        var bytes = File.ReadAllBytes(path);
        bytes[^100] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        AssertRefused(path, "SHA-256", () => FastStyleModel.Load(path));
    }

    [Fact]
    public void A_decoder_given_for_a_fast_model_is_refused_and_vice_versa()
    {
        var decoder = SaveDecoder("decoder.model");
        AssertRefused(decoder, "is an AdaIN decoder, but a fast (per-style transform network) model is needed", () => FastStyleModel.Load(decoder));
        var fast = SaveFast("fast.model");
        AssertRefused(fast, "is a fast (per-style transform network) model, but an AdaIN decoder is needed", () => AdaInModel.Load(fast, fixture.Backbone));
    }

    [Fact]
    public void A_decoder_for_another_backbone_is_refused()
    {
        var path = SaveDecoder("vgg-decoder.model", backbone: "vgg19");
        AssertRefused(path, "decoder for the vgg19 encoder, but the backbone here is resnet18", () => AdaInModel.Load(path, fixture.Backbone));
    }

    [Fact]
    public void Weights_that_do_not_fit_the_recorded_architecture_are_refused()
    {
        // The weights of a 1-block network under a header claiming 2 blocks (and the right weights hash).
        var contents = ModelFile.Read(SaveFast("one-block.model"));
        var path = Path.Combine(fixture.Images.Folder, "mismatch.model");
        ModelFile.Write(path, contents.Header with { TransformNet = FeedForwardFixture.Tiny with { ResidualBlocks = 2 } }, contents.Weights);
        AssertRefused(path, "architecture mismatch", () => FastStyleModel.Load(path));

        ModelFile.Write(path, contents.Header with { TransformNet = FeedForwardFixture.Tiny with { Width3 = 32 } }, contents.Weights);
        AssertRefused(path, "architecture mismatch", () => FastStyleModel.Load(path));
    }

    [Fact]
    public void A_damaged_header_is_refused()
    {
        var path = SaveFast("header.model");
        var bytes = File.ReadAllBytes(path);
        int brace = Array.IndexOf(bytes, (byte)'{');
        bytes[brace] = (byte)'[';
        File.WriteAllBytes(path, bytes);
        AssertRefused(path, "header is not valid JSON", () => FastStyleModel.Load(path));
    }

    [Fact]
    public void A_finished_model_is_not_a_checkpoint()
    {
        var path = SaveFast("not-a-checkpoint.model");
        AssertRefused(path, "not a training checkpoint", () => TrainingCheckpoint.Load(path));
    }

    [Fact]
    public void The_header_records_what_the_model_was_trained_with_as_json()
    {
        var header = FastHeader(FeedForwardFixture.Tiny) with { Teacher = new Engine.Methods.Gatys.GatysOptions { StyleWeight = 50 } };
        var json = JsonSerializer.Serialize(header, ModelFile.Json);
        Assert.Contains("\"Kind\": \"Fast\"", json);
        Assert.Equal(50, JsonSerializer.Deserialize<ModelHeader>(json, ModelFile.Json)!.Teacher!.StyleWeight);
    }
}
