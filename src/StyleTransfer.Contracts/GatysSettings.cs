namespace StyleTransfer.Contracts;

/// <summary>Settings of gatys, also read by photo's neural-style stages (see the engine's GatysOptions).</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.GatysSettings")]
public sealed record GatysSettings
{
    [Id(0)] public int Scales { get; init; }
    [Id(1)] public double ContentWeight { get; init; }
    [Id(2)] public double StyleWeight { get; init; }
    [Id(3)] public double TvWeight { get; init; }
    [Id(4)] public IReadOnlyList<string>? ContentLayers { get; init; }
    [Id(5)] public IReadOnlyList<string>? StyleLayers { get; init; }
    [Id(6)] public IReadOnlyList<double>? StyleLayerWeights { get; init; }

    /// <summary>"content" or "noise".</summary>
    [Id(7)] public string Init { get; init; } = "";

    /// <summary>"lbfgs" or "adam".</summary>
    [Id(8)] public string Optimizer { get; init; } = "";

    [Id(9)] public double LearningRate { get; init; }
    [Id(10)] public bool PreserveColor { get; init; }
    [Id(11)] public bool SoftmaxStyle { get; init; }
    [Id(12)] public double SoftmaxTemperature { get; init; }
    [Id(13)] public bool AntiAlias { get; init; }
}
