namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// What to train: a per-style transform network (<see cref="ModelKind.Fast"/>: <see cref="StylePath"/> and the content
/// images) or an AdaIN decoder (<see cref="ModelKind.AdaInDecoder"/>: content and style images), with the options of
/// that kind. Sources are folders of images (subfolders included) or single image files.
/// </summary>
public sealed record TrainingRequest(ModelKind Kind, string ContentSource, string? StylePath = null, string? StylesSource = null)
{
    public FastTrainingOptions Fast { get; init; } = new();

    public AdaInTrainingOptions AdaIn { get; init; } = new();

    /// <summary>An alternative ResNet18.onnx (or VGG .pth for a fast model's teacher); null for the shipped weights.</summary>
    public string? WeightsPath { get; init; }

    public int Steps => Kind == ModelKind.Fast ? Fast.Steps : AdaIn.Steps;

    public int CheckpointEvery => Kind == ModelKind.Fast ? Fast.CheckpointEvery : AdaIn.CheckpointEvery;

    /// <summary>The backbone the model is trained with: the teacher's (fast) or the encoder (adain, always resnet18).</summary>
    public string Backbone => Kind == ModelKind.Fast ? Fast.Backbone : "resnet18";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first problem.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ContentSource)) throw new ArgumentException("no content images given");
        if (Kind == ModelKind.Fast)
        {
            if (string.IsNullOrWhiteSpace(StylePath)) throw new ArgumentException("a fast model is trained for one style image: none given");
            if (StylesSource is not null) throw new ArgumentException("a fast model is trained for one style image, not a folder of styles");
            Fast.Validate();
        }
        else
        {
            if (string.IsNullOrWhiteSpace(StylesSource)) throw new ArgumentException("an AdaIN decoder is trained on a folder of style images: none given");
            if (StylePath is not null) throw new ArgumentException("an AdaIN decoder is trained on a folder of style images, not one style");
            AdaIn.Validate();
        }
    }
}
