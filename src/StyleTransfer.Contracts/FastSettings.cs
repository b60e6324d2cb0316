namespace StyleTransfer.Contracts;

/// <summary>Settings of fast (see the engine's FastOptions): the model trained for the item's style.</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.FastSettings")]
public sealed record FastSettings
{
    [Id(0)] public string? ModelPath { get; init; }
}
