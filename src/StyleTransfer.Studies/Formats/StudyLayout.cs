namespace StyleTransfer.Studies.Formats;

/// <summary>
/// Where a study's files live, relative to the study folder (or result-store prefix). Everything under
/// <see cref="Public"/> may be published as it is (a blob container's static website, any web server); nothing there
/// names a method, condition, parameter or source file. <see cref="Key"/> stays private.
/// </summary>
public static class StudyLayout
{
    public const string Public = "public";
    public const string Key = "key";

    /// <summary>public/images/&lt;id&gt;.&lt;ext&gt;: every image shown, under a random id.</summary>
    public const string Images = "public/images";

    /// <summary>public/assignments/&lt;assignment-id&gt;.html: one self-contained page per assignment.</summary>
    public const string Assignments = "public/assignments";

    /// <summary>public/index.html: links to every assignment page.</summary>
    public const string Index = "public/index.html";

    /// <summary>public/crowd/batch.csv and public/crowd/template.html: a crowdsourcing batch (one row per assignment)
    /// and its HTML template with ${…} placeholders.</summary>
    public const string CrowdBatch = "public/crowd/batch.csv";
    public const string CrowdTemplate = "public/crowd/template.html";

    public const string Definition = "key/study.json";
    public const string ImageKeys = "key/images.jsonl";
    public const string TrialKeys = "key/trials.jsonl";

    /// <summary>Where the outputs of the study's job are made before they are copied under random ids.</summary>
    public const string Outputs = "outputs";
}
