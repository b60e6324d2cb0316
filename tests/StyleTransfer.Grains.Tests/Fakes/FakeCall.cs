namespace StyleTransfer.Grains.Tests.Fakes;

/// <summary>One call of the <see cref="FakeEngine"/>: where, for which item, what it was scripted to do and how it ended.</summary>
public sealed class FakeCall(string node, string item, FakeStep step)
{
    public string Node { get; } = node;

    /// <summary>The item's content file name without extension.</summary>
    public string Item { get; } = item;

    public FakeStep Step { get; } = step;

    /// <summary>"succeeded", "cancelled", "interrupted", "invalid input"; null while the call runs (or its node was killed).</summary>
    public string? Outcome { get; internal set; }

    public override string ToString() => $"{Item} on {Node}: {Step} → {Outcome ?? "running"}";
}
