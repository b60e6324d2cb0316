using StyleTransfer.Engine.Methods.FeedForward;
using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Engine.Methods.Moments;
using StyleTransfer.Engine.Methods.Photo;
using StyleTransfer.Engine.Methods.Strotss;

namespace StyleTransfer.Engine.Methods;

/// <summary>The stylization methods by name. The one place that lists them: a new method is registered here.</summary>
public static class MethodRegistry
{
    static readonly IReadOnlyList<IStyleMethod> Registered = [new GatysMethod(), new PhotoMethod(), new StrotssMethod(), new FastMethod(), new AdaInMethod(), new MomentsMethod()];

    /// <summary>Every method, in the order the CLI lists them.</summary>
    public static IReadOnlyList<IStyleMethod> All => Registered;

    public static IReadOnlyList<string> Names { get; } = Registered.Select(m => m.Name).ToList();

    /// <summary>The method of that name (case-insensitive); throws <see cref="ArgumentException"/> naming the known ones.</summary>
    public static IStyleMethod Get(string name) =>
        TryGet(name) ?? throw new ArgumentException($"method '{name}' is unknown; methods: {string.Join(", ", Names)}");

    public static IStyleMethod? TryGet(string? name) =>
        Registered.FirstOrDefault(m => string.Equals(m.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
