using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods;

/// <summary>
/// A stylization method: its rules (how many styles, what masks mean, which settings apply, how many iterations)
/// and its run. Methods are found by name in <see cref="MethodRegistry"/>; nothing outside a method decides by its
/// name. Iterative methods build loss terms (<see cref="Losses.Terms"/>) and run them through
/// <see cref="Optimization.OptimizationLoop"/>; a feed-forward method (fast, adain) would report one iteration and
/// run its network in <see cref="Run"/>.
/// </summary>
public interface IStyleMethod
{
    /// <summary>The name a request chooses the method by, lower case (e.g. "gatys").</summary>
    string Name { get; }

    /// <summary>What an item's mask pair means to the method.</summary>
    MaskMeaning Masks { get; }

    /// <summary>Whether the method blends several style images (else it takes exactly one).</summary>
    bool BlendsStyles { get; }

    /// <summary>Whether the method takes point-to-point guidance.</summary>
    bool TakesGuidancePoints { get; }

    /// <summary>Whether an item with (or without) masks needs automatic semantic groups computed before it runs.</summary>
    bool NeedsAutomaticGroups(bool hasMasks);

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the first problem: an absurd value of a setting the method reads,
    /// or a setting that does not apply to it (another method's record differing from its defaults, or an option of
    /// a shared record the method ignores, e.g. colour preservation under photo).
    /// </summary>
    void Validate(StylizeOptions options);

    /// <summary><see cref="Validate(StylizeOptions)"/>, and what the request holds: style count, masks, guidance points.</summary>
    void Validate(StylizeOptions options, RequestShape request);

    /// <summary>Optimizer iterations of a whole run, over all scales and stages.</summary>
    int Iterations(StylizeOptions options);

    /// <summary>
    /// The options reduced to what changes the method's output: the records of other methods at their defaults,
    /// the device and snapshot interval at theirs.
    /// </summary>
    StylizeOptions Relevant(StylizeOptions options);

    /// <summary>
    /// The settings records the method reads, reduced as in <see cref="Relevant"/> (shared first). A result's
    /// parameters (and their hash) list exactly these.
    /// </summary>
    IReadOnlyList<object> OutputSettings(StylizeOptions options);

    /// <summary>Stylizes; returns the output image [1,3,H,W] in [0,1] (the engine encodes it).</summary>
    Tensor Run(MethodRun run);
}
