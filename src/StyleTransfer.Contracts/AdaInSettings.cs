namespace StyleTransfer.Contracts;

/// <summary>Settings of adain (see the engine's AdaInOptions): the decoder and the content/style strength α.</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.AdaInSettings")]
public sealed record AdaInSettings
{
    [Id(0)] public string? ModelPath { get; init; }
    [Id(1)] public double Alpha { get; init; }
}
