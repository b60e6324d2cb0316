namespace StyleTransfer.Studies.Analysis;

/// <summary>
/// When a rater is rejected: gold trials answered correctly less often than <see cref="MinGoldAccuracy"/>, repeats
/// answered consistently less often than <see cref="MinConsistency"/>, or a median answer time below
/// <see cref="MinMedianSeconds"/> (0: no time rule). A rule applies only to raters who answered at least one trial of
/// its kind.
/// </summary>
public sealed record QualityCriteria(double MinGoldAccuracy = 0.8, double MinConsistency = 0.6, double MinMedianSeconds = 0);
