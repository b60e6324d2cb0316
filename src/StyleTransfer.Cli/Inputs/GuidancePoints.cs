using System.Globalization;
using StyleTransfer.Contracts;

namespace StyleTransfer.Cli.Inputs;

/// <summary>Parses STROTSS point guidance: "cx,cy:sx,sy;cx,cy:sx,sy" with coordinates in [0,1].</summary>
public static class GuidancePoints
{
    public static IReadOnlyList<GuidancePoint>? Parse(string option, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var pairs = new List<GuidancePoint>();
        foreach (var pair in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var sides = pair.Split(':');
            if (sides.Length != 2) throw new UsageException($"{option} {value}: '{pair}' is not 'cx,cy:sx,sy'");
            var (cx, cy) = Point(option, value, sides[0]);
            var (sx, sy) = Point(option, value, sides[1]);
            pairs.Add(new GuidancePoint(cx, cy, sx, sy));
        }
        return pairs;
    }

    static (double X, double Y) Point(string option, string value, string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
            throw new UsageException($"{option} {value}: '{text}' is not 'x,y'");
        if (x is < 0 or > 1 || y is < 0 or > 1)
            throw new UsageException($"{option} {value}: '{text}' is outside [0,1]");
        return (x, y);
    }
}
