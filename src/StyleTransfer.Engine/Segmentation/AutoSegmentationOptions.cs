namespace StyleTransfer.Engine.Segmentation;

/// <summary>Parameters of <see cref="AutoCoSegmentation"/>. Immutable; serializable as JSON.</summary>
public sealed record AutoSegmentationOptions
{
    /// <summary>Most groups kept after semantic grouping (each becomes one palette label, so at most 9).</summary>
    public int MaxGroups { get; init; } = 5;

    /// <summary>k of the joint k-means: the over-segmentation that semantic grouping merges down.</summary>
    public int Clusters { get; init; } = 10;

    /// <summary>Every kept group covers at least this share of the content AND of the style.</summary>
    public double MinFraction { get; init; } = 0.05;

    /// <summary>Groups whose deep-feature centroids have a cosine similarity above this are merged.</summary>
    public double MergeSimilarity { get; init; } = 0.85;

    public int Seed { get; init; } = 0;

    /// <summary>Backbone layers whose activations are clustered; the first one sets the clustering grid.</summary>
    public IReadOnlyList<string> Layers { get; init; } = ["layer2", "layer3"];

    /// <summary>Weight of the CIE Lab colour (L, a, b divided by 100) beside the unit-norm deep features.</summary>
    public double ColorWeight { get; init; } = 0.25;

    /// <summary>
    /// Subtract each image's mean activation (and mean colour) before normalizing: removes what is global to an
    /// image (lighting, colour cast, time of day), which otherwise splits content and style into separate groups.
    /// </summary>
    public bool CenterPerImage { get; init; } = true;

    /// <summary>Weight of the normalized (x, y) position, which favours spatially compact groups.</summary>
    public double PositionWeight { get; init; } = 0.2;

    /// <summary>Both images are analysed at about this many pixels squared (aspect kept), whatever their size.</summary>
    public int AnalysisSide { get; init; } = 256;

    /// <summary>Lloyd iterations of k-means (it stops earlier once the assignment is stable).</summary>
    public int Iterations { get; init; } = 30;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first absurd value.</summary>
    public void Validate()
    {
        static void Check(bool ok, string message) { if (!ok) throw new ArgumentException(message); }
        Check(MaxGroups is >= 1 and <= 9, $"max groups {MaxGroups} is out of range (1..9, the label palette's size)");
        Check(Clusters >= MaxGroups && Clusters <= 64, $"clusters {Clusters} is out of range ({MaxGroups}..64: at least max groups)");
        Check(double.IsFinite(MinFraction) && MinFraction >= 0 && MinFraction < 0.5, $"min fraction {MinFraction} is out of range [0..0.5)");
        Check(double.IsFinite(MergeSimilarity) && MergeSimilarity > 0 && MergeSimilarity <= 1, $"merge similarity {MergeSimilarity} is out of range (0..1]");
        Check(Layers is { Count: > 0 }, "no layers to cluster");
        Check(double.IsFinite(ColorWeight) && ColorWeight >= 0, $"colour weight {ColorWeight} must be finite and >= 0");
        Check(double.IsFinite(PositionWeight) && PositionWeight >= 0, $"position weight {PositionWeight} must be finite and >= 0");
        Check(AnalysisSide is >= 32 and <= 2048, $"analysis side {AnalysisSide} is out of range (32..2048 px)");
        Check(Iterations is >= 1 and <= 1000, $"iterations {Iterations} is out of range (1..1000)");
    }
}
