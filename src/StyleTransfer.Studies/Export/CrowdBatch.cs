using System.Text;

namespace StyleTransfer.Studies.Export;

/// <summary>
/// The crowdsourcing batch CSV (RFC 4180): one row per assignment with the columns the template's placeholders use:
/// <c>assignment</c>, <c>study</c>, <c>pageUrl</c> (the standalone page, for platforms that link out),
/// <c>imageBase</c> and <c>trials</c>. URLs are absolute when a public URL is known, else relative to the public folder.
/// </summary>
public sealed class CrowdBatch
{
    public static readonly string[] Columns = ["assignment", "study", "pageUrl", "imageBase", "trials"];

    readonly StringBuilder _csv = new(string.Join(',', Columns) + "\r\n");
    readonly string _publicUrl;

    /// <param name="publicUrl">where the public folder is served (ends with '/'), or "" for relative URLs.</param>
    public CrowdBatch(string publicUrl) => _publicUrl = publicUrl;

    public void Add(string study, string assignment, IEnumerable<PublicTrial> trials) =>
        _csv.Append(string.Join(',', new[]
        {
            assignment, study, $"{_publicUrl}assignments/{assignment}.html", $"{_publicUrl}images/", StudyPages.CompactTrials(trials),
        }.Select(Escape))).Append("\r\n");

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(_csv.ToString());

    public static string Escape(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
