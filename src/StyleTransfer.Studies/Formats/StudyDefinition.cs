namespace StyleTransfer.Studies.Formats;

/// <summary>
/// A named condition of a study: a method and the options it runs with (option name without "--" → value, as on the
/// command line, e.g. "style-weight" → "10").
/// </summary>
public sealed record StudyCondition(string Name, string Method, IReadOnlyDictionary<string, string> Options);

/// <summary>A question asked about a trial (id as given with --question, e.g. "style") and its text.</summary>
public sealed record StudyQuestion(string Id, string Text);

/// <summary>
/// The study as designed: <c>key/study.json</c>. Private: it names the conditions; the public package never does.
/// </summary>
public sealed record StudyDefinition(
    string StudyId,
    int Seed,
    IReadOnlyList<StudyCondition> Conditions,
    IReadOnlyList<StudyQuestion> Questions,
    IReadOnlyList<string> Contents,
    IReadOnlyList<string> Styles,
    int Assignments,
    int TrialsPerAssignment,
    int RepeatsPerAssignment,
    int GoldPerAssignment,
    double MinSecondsPerTrial);
