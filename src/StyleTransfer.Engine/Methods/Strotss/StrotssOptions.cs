namespace StyleTransfer.Engine.Methods.Strotss;

/// <summary>
/// Parameters of STROTSS (Kolkin, Salavon, Shakhnarovich, CVPR 2019). Defaults follow the paper and the authors'
/// reference implementation (content weight 16 halved per finer scale, RMSprop at 2e-3 on a 5-level Laplacian
/// pyramid, 1024 output positions re-drawn every step, 4 scales). Size, iterations per scale and seed are the
/// shared ones (<see cref="SharedOptions"/>). Immutable.
/// </summary>
public sealed record StrotssOptions
{
    /// <summary>α at the coarsest scale; halved at each finer scale (reference). Larger keeps more content.</summary>
    public double ContentWeight { get; init; } = 16;

    /// <summary>Scales, coarse to fine, each twice the size of the previous; the finest is the output size.</summary>
    public int Scales { get; init; } = 4;

    /// <summary>RMSprop learning rate on the pyramid levels (pixels in [0,1]); the finest of several scales uses half (reference).</summary>
    public double LearningRate { get; init; } = 2e-3;

    /// <summary>Output positions drawn anew each step (per guidance region) for the losses.</summary>
    public int Samples { get; init; } = 1024;

    /// <summary>Style positions drawn once per scale (per guidance region); the reference draws 5 × 1000.</summary>
    public int StyleSamples { get; init; } = 5000;

    /// <summary>Levels of the Laplacian pyramid that parameterizes the image (plus the low-pass residual).</summary>
    public int PyramidLevels { get; init; } = 5;

    /// <summary>Backbone layers of the hypercolumn (the RGB pixels are always included); null for the backbone's style layers.</summary>
    public IReadOnlyList<string>? Layers { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first absurd value.</summary>
    public void Validate()
    {
        static void Check(bool ok, string message) { if (!ok) throw new ArgumentException(message); }
        Check(double.IsFinite(ContentWeight) && ContentWeight >= 0, $"content weight {ContentWeight} must be finite and >= 0");
        Check(Scales is >= 1 and <= 6, $"scales {Scales} is out of range (1..6)");
        Check(double.IsFinite(LearningRate) && LearningRate > 0 && LearningRate <= 1, $"learning rate {LearningRate} is out of range (0..1]");
        Check(Samples is >= 2 and <= 65_536, $"samples {Samples} is out of range (2..65536)");
        Check(StyleSamples is >= 2 and <= 65_536, $"style samples {StyleSamples} is out of range (2..65536)");
        Check(PyramidLevels is >= 0 and <= 10, $"pyramid levels {PyramidLevels} is out of range (0..10)");
        Check(Layers is null || Layers.Count > 0, "the layer list is empty; give at least one layer or null for the backbone's defaults");
    }
}
