using StyleTransfer.Engine.Methods.Gatys;

namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>Training of a per-style transform network (method "fast"). Immutable; recorded in the model file as JSON.</summary>
public sealed record FastTrainingOptions
{
    /// <summary>
    /// The teacher objective: content/style/TV weights, layers, layer weights and softmax of Gatys, on
    /// <see cref="Backbone"/>. The defaults are gatys's (content layer2; style conv1, layer1..layer3 and the pixels
    /// colour moments). Its scales, optimizer and init do not apply here.
    /// </summary>
    public GatysOptions Teacher { get; init; } = new();

    /// <summary>The teacher's backbone (gatys's default: ResNet-18).</summary>
    public string Backbone { get; init; } = new SharedOptions().Backbone;

    public TransformNetArchitecture Architecture { get; init; } = TransformNetArchitecture.Default;

    public int Steps { get; init; } = 2000;

    public int BatchSize { get; init; } = 4;

    /// <summary>Side of the square random crops of the content images.</summary>
    public int CropSize { get; init; } = 256;

    /// <summary>Longest side the style image is resized to before its Gram targets are taken.</summary>
    public int StyleSize { get; init; } = 256;

    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Seeds the network's initial weights and the crop sampler.</summary>
    public int Seed { get; init; }

    /// <summary>Hand a checkpoint to the caller every N steps (0: never).</summary>
    public int CheckpointEvery { get; init; }

    public void Validate()
    {
        Teacher.Validate();
        Architecture.Validate();
        TrainingChecks.Common(Steps, BatchSize, CropSize, LearningRate, CheckpointEvery);
        if (StyleSize is < 16 or > 4096) throw new ArgumentException($"style size {StyleSize} is out of range (16..4096 px)");
    }
}

static class TrainingChecks
{
    public static void Common(int steps, int batch, int crop, double lr, int checkpointEvery)
    {
        static void Check(bool ok, string message) { if (!ok) throw new ArgumentException(message); }
        Check(steps is >= 1 and <= 10_000_000, $"steps {steps} is out of range (1..10000000)");
        Check(batch is >= 1 and <= 1024, $"batch size {batch} is out of range (1..1024)");
        Check(crop is >= 16 and <= 4096, $"crop size {crop} is out of range (16..4096 px)");
        Check(double.IsFinite(lr) && lr is > 0 and <= 1, $"learning rate {lr} is out of range (0..1]");
        Check(checkpointEvery >= 0, $"checkpoint interval {checkpointEvery} must be >= 0");
    }
}
