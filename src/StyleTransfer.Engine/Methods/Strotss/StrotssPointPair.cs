namespace StyleTransfer.Engine.Methods.Strotss;

/// <summary>
/// Point-to-point guidance: the output's features at (ContentX, ContentY) are pulled toward the style's features at
/// (StyleX, StyleY). Coordinates are fractions of the image's width and height, in [0,1], origin top left.
/// </summary>
public sealed record StrotssPointPair(double ContentX, double ContentY, double StyleX, double StyleY)
{
    internal void Validate()
    {
        foreach (var (name, v) in new[] { ("content x", ContentX), ("content y", ContentY), ("style x", StyleX), ("style y", StyleY) })
            if (!double.IsFinite(v) || v < 0 || v > 1)
                throw new ArgumentException($"guidance point {this}: {name} {v} is outside [0,1]");
    }
}
