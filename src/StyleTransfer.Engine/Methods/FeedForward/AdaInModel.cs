using TorchSharp;
using StyleTransfer.Engine.Backbones;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// A trained AdaIN decoder (method "adain") with the backbone encoder it belongs to: encodes content and style,
/// swaps the content's feature statistics for the style's, decodes. Any style, one forward pass.
/// </summary>
public sealed class AdaInModel : IDisposable
{
    public ModelHeader Header { get; }

    public AdaInDecoder Decoder { get; }

    public IBackbone Encoder { get; }

    public string EncoderLayer => Decoder.Architecture.EncoderLayer;

    internal AdaInModel(ModelHeader header, AdaInDecoder decoder, IBackbone encoder)
    {
        Header = header;
        Decoder = decoder;
        Encoder = encoder;
    }

    /// <summary>The style's per-channel mean and std at the encoder layer ([1,C,1,1] each): compute once per style and reuse.</summary>
    public (Tensor Mean, Tensor Std) EncodeStyle(Tensor style)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var features = Encoder.Extract(style.to(Encoder.Device), [EncoderLayer])[EncoderLayer];
        var (mean, std) = AdaIn.Moments(features);
        return (mean.MoveToOuterDisposeScope(), std.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Stylizes <paramref name="content"/> [N,3,H,W] (RGB in [0,1]) with style moments from <see cref="EncodeStyle"/>
    /// ([1,C,1,1] for one style, or [N,C,1,1] stacked for one style per image) at strength <paramref name="alpha"/>
    /// (0: the content reconstructed by the decoder, 1: full transfer). One size per batch (grouping is the caller's
    /// job). Returns [N,3,H,W] in [0,1] on the encoder's device.
    /// </summary>
    public Tensor Stylize(Tensor content, Tensor styleMean, Tensor styleStd, double alpha = 1.0)
    {
        if (content.dim() != 4 || content.shape[1] != 3)
            throw new ArgumentException($"content must be [N,3,H,W] RGB, got [{string.Join(",", content.shape)}]");
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        Decoder.eval();
        var features = Encoder.Extract(content.to(Encoder.Device), [EncoderLayer])[EncoderLayer];
        var target = AdaIn.Blend(features, styleMean.to(Encoder.Device), styleStd.to(Encoder.Device), alpha);
        return FitTo(Decoder.forward(target), content.shape[2], content.shape[3]).clamp_(0, 1).MoveToOuterDisposeScope();
    }

    /// <summary>Stylizes with the style image itself (encoded here; see <see cref="EncodeStyle"/> to reuse a style).</summary>
    public Tensor Stylize(Tensor content, Tensor style, double alpha = 1.0)
    {
        var (mean, std) = EncodeStyle(style);
        using (mean) using (std) return Stylize(content, mean, std, alpha);
    }

    /// <summary>The decoder returns the encoder's padded size (a multiple of its stride): crop, or resize if smaller.</summary>
    internal static Tensor FitTo(Tensor decoded, long height, long width)
    {
        if (decoded.shape[2] == height && decoded.shape[3] == width) return decoded;
        if (decoded.shape[2] >= height && decoded.shape[3] >= width)
            return decoded[.., .., ..(int)height, ..(int)width];
        return nn.functional.interpolate(decoded, [height, width], mode: InterpolationMode.Bilinear, align_corners: false);
    }

    public void Save(string path) => ModelFile.Write(path, Header, ModelFile.ModuleBytes(Decoder));

    public void Save(Stream stream) => ModelFile.Write(stream, Header, ModelFile.ModuleBytes(Decoder));

    /// <summary>
    /// Loads an AdaIN decoder for <paramref name="encoder"/> (on its device); refuses, naming <paramref name="path"/>,
    /// a file of another kind, a decoder trained on another backbone, or weights that do not fit the architecture.
    /// The model borrows the encoder: disposing the model does not dispose it.
    /// </summary>
    public static AdaInModel Load(string path, IBackbone encoder) => FromContents(ModelFile.Read(path), path, encoder);

    internal static AdaInModel FromContents(ModelFile.Contents contents, string name, IBackbone encoder)
    {
        var header = contents.Header;
        ModelFile.ExpectKind(header, ModelKind.AdaInDecoder, name);
        if (!string.Equals(header.Backbone, encoder.Name, StringComparison.OrdinalIgnoreCase))
            throw new InvalidInputException(name, $"is a decoder for the {header.Backbone} encoder, but the backbone here is {encoder.Name}");
        var architecture = header.Decoder
            ?? throw new InvalidInputException(name, "corrupt model file (an AdaIN decoder without its architecture)");
        AdaInDecoder decoder;
        try { decoder = new AdaInDecoder(architecture); }
        catch (ArgumentException e) { throw new InvalidInputException(name, $"corrupt model file ({e.Message})", e); }
        ModelFile.LoadInto(decoder, contents.Weights, name, architecture.ToString());
        decoder.to(encoder.Device);
        decoder.eval();
        return new AdaInModel(header, decoder, encoder);
    }

    public void Dispose() => Decoder.Dispose();
}
