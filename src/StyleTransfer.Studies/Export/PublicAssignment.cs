namespace StyleTransfer.Studies.Export;

/// <summary>A question as the public pages show it: an opaque code (q1, q2, … in the definition's order) and its text.
/// The question's id stays in the key (it could name a condition, e.g. a question "photo" and a condition "photo").</summary>
public sealed record PublicQuestion(string Code, string Text)
{
    public static string CodeOf(int index) => $"q{index + 1}";
}

/// <summary>One trial as the public page carries it: opaque ids only.</summary>
public sealed record PublicTrial(string Id, string Q, string Content, string Style, string Left, string Right);

/// <summary>
/// What an assignment page embeds as JSON (<c>&lt;script type="application/json" id="study-data"&gt;</c>): ids, the
/// relative image folder, the questions' texts and the trials. Nothing here names a condition, method or source.
/// </summary>
public sealed record PublicAssignment(
    string Study,
    string Assignment,
    string Images,
    double MinSeconds,
    string? PostUrl,
    IReadOnlyList<PublicQuestion> Questions,
    IReadOnlyList<PublicTrial> Trials);
