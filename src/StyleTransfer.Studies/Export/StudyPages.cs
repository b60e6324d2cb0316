using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using StyleTransfer.Studies.Formats;

namespace StyleTransfer.Studies.Export;

/// <summary>
/// The study's HTML: a self-contained page per assignment (CSS, script and trial list inline; images by relative
/// path, so it works from file://, any static web server or a blob container's static website), the crowdsourcing
/// template (the same page with <c>${…}</c> placeholders filled per batch row) and an index of the assignments.
/// </summary>
public static class StudyPages
{
    static readonly string Css = Asset("study.css");
    static readonly string Script = Asset("study.js");
    static readonly string Body = Asset("body.html");

    static string Asset(string name)
    {
        using var stream = typeof(StudyPages).Assembly.GetManifestResourceStream($"StyleTransfer.Studies.Export.{name}")
            ?? throw new InvalidOperationException($"missing embedded asset {name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>The page of one assignment. The JSON encoder escapes '&lt;', '&gt;' and '&amp;', so no text can close the script element.</summary>
    public static string Assignment(PublicAssignment data) => Page("Image comparison", Body, JsonSerializer.Serialize(data, StudyJson.Options), "");

    /// <summary>
    /// A crowdsourcing (MTurk-style) HTML template: one HIT per row of the batch CSV, with <c>${study}</c>,
    /// <c>${assignment}</c>, <c>${imageBase}</c> (absolute URL of the images folder) and <c>${trials}</c> (the trials
    /// as "id:question:content:style:left:right" joined by ';' — no quotes, so a platform that HTML-escapes values
    /// cannot break it). The answers JSON goes into the hidden field <c>answers</c> inside a <c>crowd-form</c>, so the
    /// results CSV has a column <c>Answer.answers</c>; submitting before the last trial is refused.
    /// </summary>
    public static string CrowdTemplate(double minSeconds, IReadOnlyList<PublicQuestion> questions)
    {
        var constant = JsonSerializer.Serialize(new { minSeconds, questions }, StudyJson.Options);
        // {"minSeconds":…,"questions":[…]} + the per-row placeholders.
        var data = constant[..^1] + ",\"study\":\"${study}\",\"assignment\":\"${assignment}\",\"images\":\"${imageBase}\",\"trials\":\"${trials}\"}";
        var body = "<crowd-form>\n<input type=\"hidden\" name=\"answers\" id=\"answers\" value=\"\">\n" + Body + "</crowd-form>\n";
        const string guard = """
            <script>
            document.querySelector("crowd-form").addEventListener("submit", function (e) {
              if (!document.getElementById("answers").value) { e.preventDefault(); alert("Please answer every pair first."); }
            });
            </script>
            """;
        return "<script src=\"https://assets.crowd.aws/crowd-html-elements.js\"></script>\n" + Page("Image comparison", body, data, guard);
    }

    /// <summary>The trials of a batch row in the template's compact form.</summary>
    public static string CompactTrials(IEnumerable<PublicTrial> trials) =>
        string.Join(';', trials.Select(t => $"{t.Id}:{t.Q}:{t.Content}:{t.Style}:{t.Left}:{t.Right}"));

    /// <summary>public/index.html: a link to every assignment page.</summary>
    public static string Index(string studyId, IEnumerable<string> assignmentIds)
    {
        var links = new StringBuilder();
        foreach (var id in assignmentIds)
            links.Append($"<li><a href=\"assignments/{WebUtility.HtmlEncode(id)}.html\">{WebUtility.HtmlEncode(id)}</a></li>\n");
        return $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Study {WebUtility.HtmlEncode(studyId)}</title>
            <style>{Css}</style></head>
            <body><main><section class="panel"><h1>Study {WebUtility.HtmlEncode(studyId)}</h1>
            <p>One page per assignment; give each rater one link (add <code>?rater=&lt;id&gt;</code> to fill in their id).</p>
            <ol>
            {links}</ol></section></main></body>
            </html>

            """;
    }

    static string Page(string title, string body, string json, string extraScript) => $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>{title}</title>
        <style>
        {Css}</style>
        </head>
        <body>
        {body}<script type="application/json" id="study-data">{json}</script>
        <script>
        {Script}</script>
        {extraScript}
        </body>
        </html>

        """;
}
