namespace StyleTransfer.Studies.Packaging;

/// <summary>
/// What a package holds, and the design's balance as written: test trials per pair of conditions ("a|b", a before b
/// in the definition's order) and per condition on each side.
/// </summary>
public sealed record StudyPackageSummary(
    string StudyId,
    int Images,
    int Assignments,
    int Trials,
    int TestTrials,
    int RepeatTrials,
    int GoldTrials,
    bool ExactlyBalanced,
    IReadOnlyDictionary<string, int> PairCounts,
    IReadOnlyDictionary<string, int> LeftCounts,
    IReadOnlyDictionary<string, int> RightCounts);
