using StyleTransfer.Studies.Formats;

namespace StyleTransfer.Studies.Analysis;

/// <summary>
/// An answer matched to its trial in the key. <see cref="Chosen"/> is the side of the key's trial whose image the
/// rater picked (whatever side the page showed it on); <see cref="ChosenLabel"/> is its condition, or "content" for
/// the unstylized content of a gold trial. <see cref="GoldCorrect"/> is set for gold trials only.
/// </summary>
public sealed record ResolvedAnswer(string Rater, TrialKey Trial, TrialSide Chosen, TrialSide Other, bool? GoldCorrect,
    long Milliseconds)
{
    public string ChosenLabel => Chosen.Condition ?? "content";
}
