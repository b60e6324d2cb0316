using System.Globalization;
using System.Text;

namespace StyleTransfer.Cli.Running;

/// <summary>
/// Names and reasons as they may be printed to a terminal: control characters (terminal escape sequences, newlines)
/// become <c>\xHH</c> and invisible formatting characters (right-to-left overrides and other bidi controls,
/// zero-width characters) become <c>\uHHHH</c>, so a file or output name can neither drive the terminal nor disguise
/// itself. A backslash stays as it is.
/// </summary>
public static class SafeText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        StringBuilder? builder = null;
        for (int i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var category = char.GetUnicodeCategory(c);
            string? escaped = category switch
            {
                UnicodeCategory.Control => c <= 0xff ? $"\\x{(int)c:X2}" : $"\\u{(int)c:X4}",
                UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => $"\\u{(int)c:X4}",
                _ => null,
            };
            if (escaped is null)
            {
                builder?.Append(c);
                continue;
            }
            builder ??= new StringBuilder(text, 0, i, text.Length + 16);
            builder.Append(escaped);
        }
        return builder?.ToString() ?? text;
    }
}
