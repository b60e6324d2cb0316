using StyleTransfer.Studies.Formats;

namespace StyleTransfer.Studies.Analysis;

/// <summary>How often <see cref="A"/> was chosen over <see cref="B"/>, with the Wilson interval of that rate.</summary>
public sealed record PairResult(string A, string B, int AWins, int Total, double Rate, double Low, double High);

/// <summary>
/// A condition's Bradley–Terry log-strength (the reference's is 0) with its bootstrap interval, and its raw record:
/// times chosen out of the comparisons it was in.
/// </summary>
public sealed record ConditionScore(string Condition, double Score, double Low, double High, int Wins, int Comparisons);

/// <summary>Everything computed for one question, from the kept raters' answers to its test trials.</summary>
public sealed record QuestionResult(
    string Question,
    string Text,
    int Answers,
    int Raters,
    IReadOnlyList<PairResult> Pairs,
    IReadOnlyList<ConditionScore> Scores,
    bool Regularized,
    KrippendorffAlpha.Result Agreement);

/// <summary>The whole analysis: inputs read, raters and their fate, per-question statistics and every input problem.</summary>
public sealed record AnalysisResult(
    StudyDefinition Definition,
    string Reference,
    AnalysisOptions Options,
    int AnswerSets,
    int Answers,
    IReadOnlyList<RaterQuality> Raters,
    IReadOnlyList<QuestionResult> Questions,
    IReadOnlyList<InputProblem> Problems);
