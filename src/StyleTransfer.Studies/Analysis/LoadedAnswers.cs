using StyleTransfer.Studies.Formats;

namespace StyleTransfer.Studies.Analysis;

/// <summary>
/// One rater's answers to one assignment and where they came from (a JSON file, or a results CSV and its line).
/// <see cref="Rater"/> is the answers' own rater id, else the CSV's worker id, else one made from the source (each
/// such file then counts as a rater of its own).
/// </summary>
public sealed record LoadedAnswers(string Source, long? Line, string Rater, AssignmentAnswers Answers);
