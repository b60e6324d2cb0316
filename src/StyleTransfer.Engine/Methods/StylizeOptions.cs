using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Engine.Methods.Photo;
using StyleTransfer.Engine.Methods.Strotss;

namespace StyleTransfer.Engine.Methods;

/// <summary>
/// A method by name (<see cref="MethodRegistry"/>), the shared settings, and one settings record per method. Only
/// the records the chosen method reads matter (<see cref="IStyleMethod.Relevant"/>); a method refuses settings
/// of another method that differ from their defaults, so none is silently ignored. Immutable; serializable as JSON.
/// </summary>
public sealed record StylizeOptions
{
    public string Method { get; init; } = GatysMethod.MethodName;

    public SharedOptions Shared { get; init; } = new();

    /// <summary>Gatys et al.; also the neural-style stages of photo.</summary>
    public GatysOptions Gatys { get; init; } = new();

    public PhotoOptions Photo { get; init; } = new();

    public StrotssOptions Strotss { get; init; } = new();

    /// <summary>Johnson et al.'s per-style network.</summary>
    public FeedForward.FastOptions Fast { get; init; } = new();

    /// <summary>Huang and Belongie's AdaIN decoder.</summary>
    public FeedForward.AdaInOptions AdaIn { get; init; } = new();

    /// <summary>Checks the chosen method's settings (and that no other method's are set); see <see cref="IStyleMethod.Validate"/>.</summary>
    public void Validate() => MethodRegistry.Get(Method).Validate(this);

    /// <summary>Optimizer iterations of the whole run, over all scales and stages of the chosen method.</summary>
    public int TotalIterations() => MethodRegistry.Get(Method).Iterations(this);
}
