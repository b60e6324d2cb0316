namespace StyleTransfer.Engine.Methods.Gatys;

public enum InitMode { Content, Noise }

public enum OptimizerKind { Lbfgs, Adam }

/// <summary>
/// Settings of Gatys et al. (CVPR 2016) — also the neural-style stages of photo (<see cref="Photo.PhotoMethod"/>).
/// Size, iterations per scale, seed and backbone are the shared ones (<see cref="SharedOptions"/>). Immutable;
/// serializable as JSON.
/// </summary>
public sealed record GatysOptions
{
    /// <summary>Number of scales, coarse to fine (each half the size of the next).</summary>
    public int Scales { get; init; } = 1;

    public double ContentWeight { get; init; } = 1.0;

    public double StyleWeight { get; init; } = 100;

    public double TvWeight { get; init; } = 1e-3;

    /// <summary>Content layers; null for the backbone's defaults.</summary>
    public IReadOnlyList<string>? ContentLayers { get; init; }

    /// <summary>Style layers; null for the backbone's defaults plus the colour moments (<see cref="GatysStylizer.DefaultStyleLayers"/>).</summary>
    public IReadOnlyList<string>? StyleLayers { get; init; }

    /// <summary>Per style layer weights (same length as the style layers); null for equal weights.</summary>
    public IReadOnlyList<double>? StyleLayerWeights { get; init; }

    public InitMode Init { get; init; } = InitMode.Content;

    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Lbfgs;

    /// <summary>Learning rate for Adam (pixels in [0,1]); L-BFGS uses a step of 1 with line search off.</summary>
    public double LearningRate { get; init; } = 0.02;

    /// <summary>Transfer luminance only and keep the content's colours (Gatys et al. 2016, "Preserving colour").</summary>
    public bool PreserveColor { get; init; }

    /// <summary>
    /// Softmax transformation of activations before style and content statistics (Wang et al., CVPR 2021; see
    /// <see cref="Losses.SoftmaxTransform"/>). Off by default: on the pretrained ResNet-18 here plain Gram statistics
    /// gave the stronger stylization (README, "Softmax transformation").
    /// </summary>
    public bool SoftmaxStyle { get; init; }

    /// <summary>Temperature of the softmax transformation.</summary>
    public double SoftmaxTemperature { get; init; } = 1.0;

    /// <summary>
    /// The image is optimized as its start plus a binomially low-passed change (<see cref="Optimization.LowPassPixelImage"/>),
    /// so the stride-2 stem prints no checkerboard into it. On by default: on the shared paintings × photos at 256 px
    /// it removed the grid and raised SSIM to the photo from 0.358 to 0.461 with the style statistics unchanged
    /// (README, "Gatys on paintings").
    /// </summary>
    public bool AntiAlias { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first absurd value.</summary>
    public void Validate()
    {
        static void Check(bool ok, string message) { if (!ok) throw new ArgumentException(message); }
        Check(Scales is >= 1 and <= 6, $"scales {Scales} is out of range (1..6)");
        Check(double.IsFinite(ContentWeight) && ContentWeight >= 0, $"content weight {ContentWeight} must be finite and >= 0");
        Check(double.IsFinite(StyleWeight) && StyleWeight >= 0, $"style weight {StyleWeight} must be finite and >= 0");
        Check(double.IsFinite(TvWeight) && TvWeight >= 0, $"tv weight {TvWeight} must be finite and >= 0");
        Check(ContentWeight + StyleWeight > 0, "content and style weights are both zero");
        Check(double.IsFinite(LearningRate) && LearningRate > 0 && LearningRate <= 10, $"learning rate {LearningRate} is out of range (0..10]");
        Check(double.IsFinite(SoftmaxTemperature) && SoftmaxTemperature > 0, $"softmax temperature {SoftmaxTemperature} must be > 0");
        if (StyleLayerWeights is not null)
        {
            Check(StyleLayers is not null && StyleLayers.Count == StyleLayerWeights.Count,
                "style layer weights need explicit style layers of the same count");
            Check(StyleLayerWeights.All(w => double.IsFinite(w) && w >= 0), "style layer weights must be finite and >= 0");
        }
    }
}
