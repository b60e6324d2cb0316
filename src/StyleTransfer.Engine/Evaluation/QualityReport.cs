namespace StyleTransfer.Engine.Evaluation;

/// <summary>
/// Quality metrics of one style transfer output (see <see cref="QualityMetrics.Evaluate"/>). Serializes with
/// System.Text.Json; use <see cref="QualityMetrics.JsonOptions"/> for the camelCase shape the CLI prints.
/// </summary>
/// <param name="Output">The evaluated output image, as given.</param>
/// <param name="Content">The content image, as given.</param>
/// <param name="Style">The style image, as given.</param>
/// <param name="StructureSsim">SSIM of the output's luma against the content's (1 = structure fully kept).</param>
/// <param name="ColorDistance">Sliced Wasserstein distance (CIELAB units) of the output's colours to the style's.</param>
/// <param name="ContentColorDistance">The same distance from the content image to the style: the baseline the output should fall below.</param>
/// <param name="StyleStatisticsDistance">Relative Gram distance of output and style features, averaged over the backbone's style layers (0 = same statistics).</param>
/// <param name="PerGroup">With colour-label masks: the colour distances per shared semantic group; empty without masks.</param>
public sealed record QualityReport(
    string Output,
    string Content,
    string Style,
    double StructureSsim,
    double ColorDistance,
    double ContentColorDistance,
    double StyleStatisticsDistance,
    IReadOnlyList<GroupQuality> PerGroup);
