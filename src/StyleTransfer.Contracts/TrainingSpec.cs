namespace StyleTransfer.Contracts;

/// <summary>
/// A training job: train a <see cref="TrainingKind"/> model from images every silo can read (a folder or one file)
/// and commit it to the result store as <see cref="ModelName"/>, with its loss curve beside it
/// (<c>&lt;stem&gt;.loss.png</c>) and its last checkpoint (<c>&lt;ModelName&gt;.checkpoint</c>: a crashed or cancelled run
/// of the same spec resumes from it; it stays after the model is done and may be deleted).
/// </summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.TrainingSpec")]
public sealed record TrainingSpec(string JobId, TrainingKind Kind, string ContentSource, string? StylePath, string? StylesSource,
    string ModelName, TrainingSettings Settings)
{
    public string CheckpointName => $"{ModelName}.checkpoint";

    public string LossCurveName => $"{(ModelName.LastIndexOf('.') is int dot and > 0 && dot > ModelName.LastIndexOf('/') ? ModelName[..dot] : ModelName)}.loss.png";

    /// <summary>What is wrong with the spec on its own (ids, names, which images the kind needs), or null.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(JobId)) return "training job id is empty";
        if (JobId.Contains('/')) return $"training job id '{JobId}' must not contain '/'";
        if (string.IsNullOrWhiteSpace(ModelName)) return "no model name given";
        if (string.IsNullOrWhiteSpace(ContentSource)) return "no content images given";
        return Kind switch
        {
            TrainingKind.Fast when string.IsNullOrWhiteSpace(StylePath) => "a fast model is trained for one style image: give --style",
            TrainingKind.Fast when StylesSource is not null => "a fast model is trained for one style image, not a folder of styles",
            TrainingKind.AdaIn when string.IsNullOrWhiteSpace(StylesSource) => "an AdaIN decoder is trained on a folder of style images: give --styles",
            TrainingKind.AdaIn when StylePath is not null => "an AdaIN decoder is trained on a folder of style images, not one --style",
            _ => null,
        };
    }
}
