namespace StyleTransfer.Engine.Segmentation;

/// <summary>How images are fed to a user's scene-parsing ONNX model (<see cref="SceneParsingSegmenter"/>).</summary>
public sealed record SceneParsingOptions
{
    /// <summary>Fixed input width and height; null to use the model's own fixed size or, for dynamic inputs, the image fitted within <see cref="MaxInputSide"/>.</summary>
    public int? InputWidth { get; init; }

    public int? InputHeight { get; init; }

    /// <summary>Longest input side for models with dynamic spatial dimensions (rounded to a multiple of 8).</summary>
    public int MaxInputSide { get; init; } = 512;

    /// <summary>Pixels (RGB in [0,1]) are multiplied by this before normalization: 1, or 255 for models trained on 0..255.</summary>
    public float PixelScale { get; init; } = 1;

    /// <summary>Per-channel RGB mean subtracted after scaling (ImageNet by default).</summary>
    public IReadOnlyList<float> Mean { get; init; } = [0.485f, 0.456f, 0.406f];

    /// <summary>Per-channel RGB standard deviation divided by after subtracting the mean (ImageNet by default).</summary>
    public IReadOnlyList<float> Std { get; init; } = [0.229f, 0.224f, 0.225f];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first absurd value.</summary>
    public void Validate()
    {
        static void Check(bool ok, string message) { if (!ok) throw new ArgumentException(message); }
        Check(InputWidth is null == InputHeight is null, "give both input width and height, or neither");
        Check(InputWidth is null or (>= 8 and <= 4096) && InputHeight is null or (>= 8 and <= 4096), $"input size {InputWidth}x{InputHeight} is out of range (8..4096 px)");
        Check(MaxInputSide is >= 8 and <= 4096, $"max input side {MaxInputSide} is out of range (8..4096 px)");
        Check(float.IsFinite(PixelScale) && PixelScale > 0, $"pixel scale {PixelScale} must be > 0");
        Check(Mean is { Count: 3 } && Mean.All(float.IsFinite), "mean needs 3 finite values (R, G, B)");
        Check(Std is { Count: 3 } && Std.All(s => float.IsFinite(s) && s > 0), "std needs 3 finite values > 0 (R, G, B)");
    }
}
