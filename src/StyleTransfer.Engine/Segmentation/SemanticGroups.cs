namespace StyleTransfer.Engine.Segmentation;

/// <summary>A semantic label shared by content and style (or, if <see cref="Orphan"/>, present in the content only).</summary>
public sealed record SemanticGroup(string Label, double ContentFraction, double StyleFraction, bool Orphan);

/// <summary>Matches the labels of a content mask with those of a style mask.</summary>
public static class SemanticGroups
{
    /// <summary>Labels covering less than this share of an image are ignored as noise.</summary>
    public const double MinFraction = 0.001;

    /// <summary>
    /// One group per content label. Labels the style lacks are orphans (Luan et al. avoid them: they get no style
    /// term, only content and smoothness, instead of being matched to an unrelated region of the style).
    /// </summary>
    public static IReadOnlyList<SemanticGroup> Match(LabelMap content, LabelMap style)
    {
        var c = content.Fractions();
        var s = style.Fractions();
        return c.Where(kv => kv.Value >= MinFraction)
            .OrderByDescending(kv => kv.Value)
            .Select(kv =>
            {
                double sf = s.TryGetValue(kv.Key, out var v) ? v : 0;
                return new SemanticGroup(kv.Key, kv.Value, sf, sf < MinFraction);
            })
            .ToList();
    }
}
