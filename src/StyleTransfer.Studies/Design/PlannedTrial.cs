using StyleTransfer.Studies.Formats;

namespace StyleTransfer.Studies.Design;

/// <summary>
/// A trial as designed, by index: <see cref="Group"/> is the content × style (content · styles + style),
/// <see cref="Left"/>/<see cref="Right"/> a condition, or <see cref="UnstylizedContent"/> for the content image of a
/// gold trial. <see cref="RepeatOf"/> is the position of the trial a repeat shows again (−1 otherwise).
/// </summary>
public sealed record PlannedTrial(TrialKind Kind, int Group, int Question, int Left, int Right)
{
    public const int UnstylizedContent = -1;

    public int RepeatOf { get; init; } = -1;

    public Side? GoldAnswer { get; init; }
}
