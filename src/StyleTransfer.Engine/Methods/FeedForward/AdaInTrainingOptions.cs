namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>Training of an AdaIN decoder (method "adain"). Immutable; recorded in the model file as JSON.</summary>
public sealed record AdaInTrainingOptions
{
    public AdaInArchitecture Architecture { get; init; } = AdaInArchitecture.Default;

    public int Steps { get; init; } = 10_000;

    public int BatchSize { get; init; } = 8;

    /// <summary>Side of the square random crops of both content and style images.</summary>
    public int CropSize { get; init; } = 256;

    /// <summary>Adam's learning rate (the paper's 1e-4).</summary>
    public double LearningRate { get; init; } = 1e-4;

    /// <summary>Weight of the content loss: the decoded image's encoding against the AdaIN target (relative MSE).</summary>
    public double ContentWeight { get; init; } = 1.0;

    /// <summary>Weight of the style loss: mean/std matching at every encoder stage up to the cut (each relative).</summary>
    public double StyleWeight { get; init; } = 10.0;

    /// <summary>
    /// Also match the per-channel mean and std of the pixels (the colour moments), the AdaIN counterpart of gatys's
    /// <c>pixels</c> layer: ResNet-18 statistics alone move the palette little.
    /// </summary>
    public bool MatchColourMoments { get; init; } = true;

    public int Seed { get; init; }

    public int CheckpointEvery { get; init; }

    public void Validate()
    {
        Architecture.Validate();
        TrainingChecks.Common(Steps, BatchSize, CropSize, LearningRate, CheckpointEvery);
        if (!(double.IsFinite(ContentWeight) && ContentWeight >= 0)) throw new ArgumentException($"content weight {ContentWeight} must be finite and >= 0");
        if (!(double.IsFinite(StyleWeight) && StyleWeight >= 0)) throw new ArgumentException($"style weight {StyleWeight} must be finite and >= 0");
        if (ContentWeight + StyleWeight <= 0) throw new ArgumentException("content and style weights are both zero");
    }
}
