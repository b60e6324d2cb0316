namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// Shape of an <see cref="AdaInDecoder"/> for the ResNet-18 encoder cut at <see cref="EncoderLayer"/>: one decoder
/// stage per ×2 of the encoder's stride (conv1 /2, layer1 /4, layer2 /8, layer3 /16), each stage convolutions then
/// a nearest ×2 upsampling; <see cref="Widths"/> are the channels of the stages, deepest first.
/// </summary>
public sealed record AdaInArchitecture(string EncoderLayer, IReadOnlyList<int> Widths, int ConvsPerStage)
{
    /// <summary>ResNet-18's stages in forward order with their channels; each halves the resolution of the one before.</summary>
    public static readonly IReadOnlyList<(string Layer, int Channels)> EncoderStages =
        [("conv1", 64), ("layer1", 64), ("layer2", 128), ("layer3", 256)];

    /// <summary>The default: cut at layer2 (stride 8, like VGG's relu4_1 in the paper), stages of 64, 64, 32 channels.</summary>
    public static AdaInArchitecture Default { get; } = For("layer2");

    /// <summary>The decoder for <paramref name="encoderLayer"/>, each stage the width of the encoder stage it mirrors (32 at full resolution), times <paramref name="widthScale"/>.</summary>
    public static AdaInArchitecture For(string encoderLayer, double widthScale = 1.0)
    {
        int depth = StageIndex(encoderLayer) + 1;
        var widths = Enumerable.Range(0, depth)
            .Select(i => i + 1 < depth ? EncoderStages[depth - 2 - i].Channels : 32)
            .Select(c => Math.Max(4, (int)Math.Round(c * widthScale)))
            .ToList();
        return new AdaInArchitecture(encoderLayer, widths, 2);
    }

    /// <summary>Channels of the encoder's output at <see cref="EncoderLayer"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int InputChannels => EncoderStages[StageIndex(EncoderLayer)].Channels;

    /// <summary>The encoder layers whose statistics the style loss matches: every stage up to the cut.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> StyleLayers => EncoderStages.Take(StageIndex(EncoderLayer) + 1).Select(s => s.Layer).ToList();

    static int StageIndex(string layer)
    {
        for (int i = 0; i < EncoderStages.Count; i++) if (EncoderStages[i].Layer == layer) return i;
        throw new ArgumentException($"AdaIN encoder layer '{layer}' is not one of: {string.Join(", ", EncoderStages.Select(s => s.Layer))}");
    }

    public void Validate()
    {
        int depth = StageIndex(EncoderLayer) + 1;
        if (Widths.Count != depth)
            throw new ArgumentException($"an AdaIN decoder for {EncoderLayer} needs {depth} stage widths, got {Widths.Count}");
        if (Widths.Any(w => w is < 1 or > 2048)) throw new ArgumentException($"decoder widths {string.Join("/", Widths)} out of range (1..2048)");
        if (ConvsPerStage is < 1 or > 4) throw new ArgumentException($"convolutions per stage {ConvsPerStage} is out of range (1..4)");
    }

    public bool Equals(AdaInArchitecture? other) =>
        other is not null && EncoderLayer == other.EncoderLayer && ConvsPerStage == other.ConvsPerStage && Widths.SequenceEqual(other.Widths);

    public override int GetHashCode() => HashCode.Combine(EncoderLayer, ConvsPerStage, Widths.Count);

    public override string ToString() => $"{EncoderLayer}:{string.Join("/", Widths)}x{ConvsPerStage}";
}
