namespace StyleTransfer.Contracts;

/// <summary>What a training job produces.</summary>
[GenerateSerializer, Alias("StyleTransfer.TrainingKind")]
public enum TrainingKind
{
    /// <summary>A per-style transform network (method "fast", Johnson et al.), trained for one style image.</summary>
    Fast,

    /// <summary>An AdaIN decoder (method "adain", Huang and Belongie) for any style, trained on a folder of styles.</summary>
    AdaIn,
}
