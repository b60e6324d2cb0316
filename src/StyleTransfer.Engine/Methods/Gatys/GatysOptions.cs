using StyleTransfer.Engine.Methods.Photo;
using StyleTransfer.Engine.Methods.Strotss;
using StyleTransfer.Engine.Segmentation;

namespace StyleTransfer.Engine.Methods.Gatys;

public enum InitMode { Content, Noise }

public enum OptimizerKind { Lbfgs, Adam }

/// <summary>
/// Parameters of a stylization: the method, the options shared by every method (backbone, size, device, seed,
/// snapshots), those of Gatys et al. (CVPR 2016) — also the first stage of <see cref="StyleMethod.Photo"/> — and
/// the method-specific records. Immutable; serializable as JSON.
/// </summary>
public sealed record GatysOptions
{
    public StyleMethod Method { get; init; } = StyleMethod.Gatys;

    /// <summary>Deep Photo Style Transfer's photorealism stage (used when <see cref="Method"/> is Photo).</summary>
    public PhotoOptions Photo { get; init; } = new();

    /// <summary>STROTSS (used when <see cref="Method"/> is Strotss; its size, seed and snapshots come from here).</summary>
    public StrotssOptions Strotss { get; init; } = new();

    /// <summary>Automatic semantic groups for the photo method when no masks are given.</summary>
    public AutoSegmentationOptions Segmentation { get; init; } = new();

    /// <summary>"resnet18" (default, weights shipped), "vgg19" or "vgg16" (need <see cref="WeightsPath"/>).</summary>
    public string Backbone { get; init; } = "resnet18";

    /// <summary>torchvision VGG state dict (.pth); for resnet18 an alternative ResNet18.onnx path.</summary>
    public string? WeightsPath { get; init; }

    /// <summary>Longest side of the output in pixels.</summary>
    public int MaxSize { get; init; } = 512;

    /// <summary>Optimizer iterations at the finest scale; coarser scales run the same count.</summary>
    public int Iterations { get; init; } = 200;

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

    public int Seed { get; init; } = 0;

    /// <summary>Emit a snapshot every N iterations (0 = never).</summary>
    public int SnapshotEvery { get; init; }

    /// <summary>"auto", "cpu", "cuda", "cuda:N".</summary>
    public string Device { get; init; } = "auto";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first absurd value.</summary>
    public void Validate()
    {
        static void Check(bool ok, string message) { if (!ok) throw new ArgumentException(message); }
        Check(MaxSize is >= 16 and <= 8192, $"size {MaxSize} is out of range (16..8192 px)");
        Check(Iterations is >= 1 and <= 100_000, $"iterations {Iterations} is out of range (1..100000)");
        Check(Scales is >= 1 and <= 6, $"scales {Scales} is out of range (1..6)");
        Check(MaxSize >> (Scales - 1) >= 16, $"{Scales} scales from {MaxSize} px make the coarsest scale smaller than 16 px");
        Check(double.IsFinite(ContentWeight) && ContentWeight >= 0, $"content weight {ContentWeight} must be finite and >= 0");
        Check(double.IsFinite(StyleWeight) && StyleWeight >= 0, $"style weight {StyleWeight} must be finite and >= 0");
        Check(double.IsFinite(TvWeight) && TvWeight >= 0, $"tv weight {TvWeight} must be finite and >= 0");
        Check(ContentWeight + StyleWeight > 0, "content and style weights are both zero");
        Check(double.IsFinite(LearningRate) && LearningRate > 0 && LearningRate <= 10, $"learning rate {LearningRate} is out of range (0..10]");
        Check(double.IsFinite(SoftmaxTemperature) && SoftmaxTemperature > 0, $"softmax temperature {SoftmaxTemperature} must be > 0");
        Check(SnapshotEvery >= 0, $"snapshot interval {SnapshotEvery} must be >= 0");
        if (Method == StyleMethod.Photo) { Photo.Validate(); Segmentation.Validate(); }
        if (Method == StyleMethod.Strotss) EffectiveStrotss().Validate();
        if (StyleLayerWeights is not null)
        {
            Check(StyleLayers is not null && StyleLayers.Count == StyleLayerWeights.Count,
                "style layer weights need explicit style layers of the same count");
            Check(StyleLayerWeights.All(w => double.IsFinite(w) && w >= 0), "style layer weights must be finite and >= 0");
        }
    }

    /// <summary>Optimizer iterations of the whole run, over all scales and stages of the chosen method.</summary>
    public int TotalIterations() => Method switch
    {
        StyleMethod.Photo => Photo.StyleIterations * Scales + Photo.PhotoIterations,
        StyleMethod.Strotss => Iterations * Strotss.Scales,
        _ => Iterations * Scales,
    };

    /// <summary>The STROTSS options with the shared size, seed, snapshot interval and iterations (per scale) applied.</summary>
    public StrotssOptions EffectiveStrotss() =>
        Strotss with { MaxSize = MaxSize, Seed = Seed, SnapshotEvery = SnapshotEvery, IterationsPerScale = Iterations };
}
