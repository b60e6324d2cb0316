namespace StyleTransfer.Engine.Evaluation;

/// <summary>
/// Colour distances of one semantic group: the output's pixels in the content's region of <paramref name="Label"/>
/// against the style's pixels in the style's region of it.
/// </summary>
/// <param name="Label">Colour label of the group (e.g. "blue").</param>
/// <param name="ColorDistance">Sliced Wasserstein distance (CIELAB) of the output's region to the style's region.</param>
/// <param name="ContentColorDistance">The same for the content's region (baseline).</param>
/// <param name="ContentFraction">Share of the content (and output) pixels in the region.</param>
public sealed record GroupQuality(string Label, double ColorDistance, double ContentColorDistance, double ContentFraction);
