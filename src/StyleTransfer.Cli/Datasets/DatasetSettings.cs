using System.Globalization;
using StyleTransfer.Contracts;

namespace StyleTransfer.Cli.Datasets;

/// <summary>
/// What a dataset run decides besides its inputs: the assignment (<see cref="Seed"/>, <see cref="StylesPerImage"/>),
/// the alpha levels (one output tree each; a single null level when no alpha is given), the method (and its model's
/// hash, when it has one), the node-side geometry and format, and whether other files are copied through.
/// </summary>
public sealed record DatasetSettings(int Seed, int StylesPerImage, IReadOnlyList<double?> AlphaLevels, string Method, string? ModelHash,
    ItemOutput Output, bool ImagesOnly)
{
    /// <summary>The output tree of an alpha level: "" for none or one --alpha, "alpha-0.4/" per level of --alpha-levels.</summary>
    public string LevelPrefix(double? alpha) =>
        AlphaLevels.Count > 1 && alpha is double a ? $"alpha-{a.ToString("0.###", CultureInfo.InvariantCulture)}/" : "";
}
