namespace StyleTransfer.Studies.Analysis;

/// <summary>
/// One rater's quality-control figures: gold trials answered correctly, repeat pairs answered consistently (the same
/// image chosen both times, whichever side it was on), median answer time, and the decision.
/// </summary>
public sealed record RaterQuality(
    string Rater,
    int Assignments,
    int Answers,
    int GoldCorrect,
    int GoldTotal,
    int RepeatsConsistent,
    int RepeatPairs,
    double MedianSeconds,
    bool Kept,
    string? Reason)
{
    public double? GoldAccuracy => GoldTotal == 0 ? null : (double)GoldCorrect / GoldTotal;
    public double? Consistency => RepeatPairs == 0 ? null : (double)RepeatsConsistent / RepeatPairs;
}
