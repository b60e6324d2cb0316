namespace StyleTransfer.Studies.Analysis;

/// <summary>
/// A problem with one input of the analysis (a key line, an answers file, a CSV row, an answer): it is skipped and
/// listed in the report. <see cref="Line"/> is 1-based when known.
/// </summary>
public sealed record InputProblem(string Source, long? Line, string Message)
{
    public override string ToString() => Line is { } line ? $"{Source}:{line}: {Message}" : $"{Source}: {Message}";
}
