namespace StyleTransfer.Studies.Formats;

/// <summary>
/// One answer as an assignment page records it. <see cref="Left"/>/<see cref="Right"/> are the public image ids
/// shown, <see cref="Milliseconds"/> the time from the images being loaded to the answer, <see cref="Input"/>
/// "key" or "mouse".
/// </summary>
public sealed record TrialAnswer(string Trial, int Index, string Question, Side Choice, string Left, string Right,
    long Milliseconds, string Input);

/// <summary>
/// The answers of one rater to one assignment: the JSON file an assignment page saves (and posts, when a URL is
/// configured), and the value of the <c>Answer.answers</c> column of a crowdsourcing platform's results CSV (whose
/// <c>WorkerId</c> column then gives <see cref="Rater"/> when the JSON has none).
/// </summary>
public sealed record AssignmentAnswers(
    string Study,
    string Assignment,
    string? Rater,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    string? UserAgent,
    IReadOnlyList<TrialAnswer> Answers);
