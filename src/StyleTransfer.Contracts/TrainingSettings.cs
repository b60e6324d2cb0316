namespace StyleTransfer.Contracts;

/// <summary>
/// The options of a training job; null means the default of the kind (fast: 2000 steps, batch 4, 256 px crops, Adam
/// 1e-3, Johnson et al.'s network and gatys's objective as teacher; adain: 10000 steps, batch 8, 256 px crops, Adam 1e-4).
/// </summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.TrainingSettings")]
public sealed record TrainingSettings
{
    [Id(0)] public int? Steps { get; init; }

    [Id(1)] public int? BatchSize { get; init; }

    /// <summary>Side of the square random crops of the training images.</summary>
    [Id(2)] public int? CropSize { get; init; }

    /// <summary>Fast: longest side of the style image when its targets are taken.</summary>
    [Id(3)] public int? StyleSize { get; init; }

    [Id(4)] public double? LearningRate { get; init; }

    [Id(5)] public int Seed { get; init; }

    /// <summary>Store a checkpoint every N steps (0: never); a crashed run resumes from the last one.</summary>
    [Id(6)] public int CheckpointEvery { get; init; } = 100;

    /// <summary>Fast: "default" (Johnson et al.'s 32/64/128 channels) or "small" (16/32/64, a quarter of the compute).</summary>
    [Id(7)] public string? Network { get; init; }

    [Id(8)] public double? ContentWeight { get; init; }

    [Id(9)] public double? StyleWeight { get; init; }

    /// <summary>Fast: total variation weight of the teacher objective.</summary>
    [Id(10)] public double? TvWeight { get; init; }

    /// <summary>Fast: backbone of the teacher objective ("resnet18", or "vgg19"/"vgg16" with <see cref="WeightsPath"/>).</summary>
    [Id(11)] public string? Backbone { get; init; }

    /// <summary>Backbone weights readable on the node; null for the shipped ResNet-18.</summary>
    [Id(12)] public string? WeightsPath { get; init; }

    /// <summary>AdaIN: the encoder layer the decoder starts from ("conv1", "layer1", "layer2", "layer3").</summary>
    [Id(13)] public string? EncoderLayer { get; init; }
}
