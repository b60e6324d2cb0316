namespace StyleTransfer.Engine.Methods;

/// <summary>
/// Settings every method reads: the backbone, the output size, the iteration count, the seed, snapshots and the
/// device. Immutable; serializable as JSON. What each method does with them is its own (<see cref="IStyleMethod"/>).
/// </summary>
public sealed record SharedOptions
{
    /// <summary>"resnet18" (default, weights shipped), "vgg19" or "vgg16" (need <see cref="WeightsPath"/>).</summary>
    public string Backbone { get; init; } = "resnet18";

    /// <summary>torchvision VGG state dict (.pth); for resnet18 an alternative ResNet18.onnx path.</summary>
    public string? WeightsPath { get; init; }

    /// <summary>Longest side of the output in pixels.</summary>
    public int MaxSize { get; init; } = 512;

    /// <summary>Optimizer iterations per scale (gatys, strotss); photo counts its stages in its own options.</summary>
    public int Iterations { get; init; } = 200;

    public int Seed { get; init; }

    /// <summary>Emit a snapshot every N iterations (0 = never). Does not change the output.</summary>
    public int SnapshotEvery { get; init; }

    /// <summary>"auto", "cpu", "cuda", "cuda:N". Does not change the output.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first absurd value.</summary>
    public void Validate()
    {
        static void Check(bool ok, string message) { if (!ok) throw new ArgumentException(message); }
        Check(!string.IsNullOrWhiteSpace(Backbone), "backbone is empty");
        Check(MaxSize is >= 16 and <= 8192, $"size {MaxSize} is out of range (16..8192 px)");
        Check(Iterations is >= 1 and <= 100_000, $"iterations {Iterations} is out of range (1..100000)");
        Check(SnapshotEvery >= 0, $"snapshot interval {SnapshotEvery} must be >= 0");
    }

    /// <summary>Throws when <paramref name="scales"/> coarse-to-fine scales from <see cref="MaxSize"/> go below 16 px.</summary>
    internal void CheckScales(int scales)
    {
        if (scales is < 1 or > 6) throw new ArgumentException($"scales {scales} is out of range (1..6)");
        if (MaxSize >> (scales - 1) < 16)
            throw new ArgumentException($"{scales} scales from {MaxSize} px make the coarsest scale smaller than 16 px");
    }
}
