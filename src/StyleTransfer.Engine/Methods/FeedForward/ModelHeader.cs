using StyleTransfer.Engine.Methods.Gatys;

namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// What a model file records about its weights: kind and architecture (to rebuild the network before loading the
/// state dict), the backbone, what it was trained on and with, and the SHA-256 of the weights section (to detect
/// corruption). Written as JSON at the head of the file.
/// </summary>
public sealed record ModelHeader
{
    public required ModelKind Kind { get; init; }

    /// <summary>For <see cref="ModelKind.Fast"/>.</summary>
    public TransformNetArchitecture? TransformNet { get; init; }

    /// <summary>For <see cref="ModelKind.AdaInDecoder"/>.</summary>
    public AdaInArchitecture? Decoder { get; init; }

    /// <summary>The backbone of the loss (fast) or of the encoder (adain), e.g. "resnet18".</summary>
    public required string Backbone { get; init; }

    /// <summary>SHA-256 (hex) of the style image the fast model was trained for.</summary>
    public string? StyleSha256 { get; init; }

    /// <summary>The Gatys options of the teacher objective (fast).</summary>
    public GatysOptions? Teacher { get; init; }

    /// <summary>The training options as JSON (<see cref="FastTrainingOptions"/> or <see cref="AdaInTrainingOptions"/>).</summary>
    public string? Training { get; init; }

    public int Steps { get; init; }

    public int Seed { get; init; }

    public SampleDescription? Content { get; init; }

    public SampleDescription? Styles { get; init; }

    /// <summary>SHA-256 (hex) of the weights section as stored.</summary>
    public string WeightsSha256 { get; init; } = "";

    /// <summary>Present in training checkpoints only: where to resume.</summary>
    public CheckpointState? Checkpoint { get; init; }
}

/// <summary>A folder of training images: where, how many were usable, and a SHA-256 of their sorted names and sizes.</summary>
public sealed record SampleDescription(string Source, int Images, int Skipped, string ListingSha256);

/// <summary>A training run's position: the step reached, the crop samplers' generator states and the loss so far.</summary>
public sealed record CheckpointState(int Step, IReadOnlyList<ulong> SamplerStates, IReadOnlyList<double> Losses, string OptimizerSha256);
