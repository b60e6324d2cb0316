namespace StyleTransfer.Studies.Analysis;

/// <summary>
/// How a study is analysed: rater rejection rules, the reference condition of the Bradley–Terry scores (null: the
/// study's first condition), bootstrap resamples and their seed, and the confidence level of every interval.
/// </summary>
public sealed record AnalysisOptions(
    QualityCriteria Criteria,
    string? Reference = null,
    int BootstrapResamples = 1000,
    int Seed = 1,
    double Confidence = 0.95)
{
    public static AnalysisOptions Default { get; } = new(new QualityCriteria());
}
