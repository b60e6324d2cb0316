using System.Text.RegularExpressions;
using StyleTransfer.Studies.Formats;

namespace StyleTransfer.Cli.Inputs;

/// <summary><c>--question id=text</c>, e.g. <c>style="Which image better matches the style of the painting?"</c>.</summary>
public static partial class QuestionArgument
{
    public static readonly StudyQuestion Default = new("style", "Which image better matches the style of the painting?");

    public static StudyQuestion Parse(string raw)
    {
        int equals = raw.IndexOf('=');
        if (equals <= 0) throw new UsageException($"--question {raw}: expected id=text, e.g. style=\"Which image better matches the style of the painting?\"");
        var id = raw[..equals].Trim();
        var text = raw[(equals + 1)..].Trim();
        if (!IdPattern().IsMatch(id)) throw new UsageException($"--question {raw}: the id '{id}' must be letters, digits, '_' or '-'");
        if (text.Length == 0) throw new UsageException($"--question {raw}: the question text is empty");
        return new StudyQuestion(id, text);
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex IdPattern();
}
