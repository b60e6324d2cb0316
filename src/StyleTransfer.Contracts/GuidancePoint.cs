namespace StyleTransfer.Contracts;

/// <summary>
/// A point-to-point guidance pair (strotss): the output at (ContentX, ContentY) is pulled toward the style at
/// (StyleX, StyleY). Fractions of width and height in [0,1], origin top left.
/// </summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.GuidancePoint")]
public sealed record GuidancePoint(double ContentX, double ContentY, double StyleX, double StyleY);
