using System.Text;

namespace StyleTransfer.Studies.Report;

/// <summary>Report file names made from question ids and condition names (which come from the user).</summary>
static class FileNames
{
    public static string Safe(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name) builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        var safe = builder.ToString().Trim('.');
        return safe.Length == 0 ? "_" : safe;
    }
}
