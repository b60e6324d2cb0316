namespace StyleTransfer.Studies.Design;

/// <summary>
/// Which image of a gold trial (a condition's output against the unstylized content of the same content × style) a
/// careful rater picks, by question. Gold needs a question whose right answer does not depend on taste:
/// <list type="bullet">
/// <item>"style" (any id containing "style"): the stylized output matches the painting's style better.</item>
/// <item>"content", "photo", "photoreal…", "real…": the unstylized photograph keeps its content best and is the
/// real photograph.</item>
/// </list>
/// Other question ids get no gold trials (their answer is unknown).
/// </summary>
public enum GoldRule { None, Output, Content }

public static class GoldRules
{
    public static GoldRule For(string questionId)
    {
        var id = questionId.Trim().ToLowerInvariant();
        if (id.Contains("style")) return GoldRule.Output;
        if (id is "content" or "photo" or "realism" || id.StartsWith("photoreal", StringComparison.Ordinal) || id.StartsWith("real", StringComparison.Ordinal))
            return GoldRule.Content;
        return GoldRule.None;
    }
}
