namespace StyleTransfer.Studies.Formats;

/// <summary>What a public image is. <c>key/images.jsonl</c>, one per line.</summary>
public enum StudyImageKind { Output, Content, Style }

/// <summary>One public image id (file <c>public/images/&lt;id&gt;.&lt;ext&gt;</c>) and what it really is.</summary>
public sealed record ImageKey(string Id, StudyImageKind Kind, string Content, string Style, string? Condition);

/// <summary>Why a trial is there.</summary>
public enum TrialKind { Test, Repeat, Gold }

/// <summary>Which side the rater chose.</summary>
public enum Side { Left, Right }

/// <summary>One side of a trial: the public image id and, in the key only, the condition that made it
/// (null for the unstylized content of a gold trial).</summary>
public sealed record TrialSide(string ImageId, string? Condition);

/// <summary>
/// One trial of one assignment, as the key records it: <c>key/trials.jsonl</c>, one per line, in the order shown.
/// <see cref="TrialId"/> is an opaque random id that the public page also carries; <see cref="RepeatOf"/> names the
/// earlier trial a repeat shows again (sides swapped); <see cref="GoldAnswer"/> is the side a careful rater picks.
/// </summary>
public sealed record TrialKey(
    string AssignmentId,
    int Index,
    string TrialId,
    string Question,
    TrialKind Kind,
    string Content,
    string Style,
    TrialSide Left,
    TrialSide Right,
    string? RepeatOf = null,
    Side? GoldAnswer = null);
