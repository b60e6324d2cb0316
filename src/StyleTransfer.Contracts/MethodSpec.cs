namespace StyleTransfer.Contracts;

/// <summary>
/// How to stylize: the method by name, the settings every method shares, and one settings record per method (only
/// the chosen method's matter). Plain data: the node maps it to the engine's options (MethodSpecMapping in
/// StyleTransfer.Grains), where the defaults, the rules and the validation live. Build one from the engine's
/// options (MethodSpecMapping.ToSpec) rather than by hand, so that unset values are the engine's defaults.
/// </summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.MethodSpec")]
public sealed record MethodSpec
{
    [Id(0)] public string Method { get; init; } = "";
    [Id(1)] public SharedSettings Shared { get; init; } = new();
    [Id(2)] public GatysSettings Gatys { get; init; } = new();
    [Id(3)] public PhotoSettings Photo { get; init; } = new();
    [Id(4)] public StrotssSettings Strotss { get; init; } = new();
    [Id(5)] public FastSettings Fast { get; init; } = new();
    [Id(6)] public AdaInSettings AdaIn { get; init; } = new();
}
