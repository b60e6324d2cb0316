using StyleTransfer.Contracts;
using StyleTransfer.Engine.Methods.FeedForward;
using StyleTransfer.Engine.Methods.Gatys;

namespace StyleTransfer.Grains.Training;

/// <summary>
/// A training spec (contract) as the engine's <see cref="TrainingRequest"/>: unset settings take the kind's
/// defaults, and a setting the kind does not use is refused (<see cref="ArgumentException"/> naming it), never ignored.
/// </summary>
public static class TrainingSpecMapping
{
    public static TrainingRequest ToRequest(TrainingSpec spec)
    {
        if (spec.Problem() is string problem) throw new ArgumentException(problem);
        var s = spec.Settings;
        TrainingRequest request;
        if (spec.Kind == TrainingKind.Fast)
        {
            NotFor("an AdaIN encoder layer", s.EncoderLayer, "a fast model");
            var defaults = new FastTrainingOptions();
            var teacher = new GatysOptions();
            request = new TrainingRequest(ModelKind.Fast, spec.ContentSource, spec.StylePath)
            {
                WeightsPath = s.WeightsPath,
                Fast = defaults with
                {
                    Backbone = s.Backbone ?? defaults.Backbone,
                    Teacher = teacher with
                    {
                        ContentWeight = s.ContentWeight ?? teacher.ContentWeight,
                        StyleWeight = s.StyleWeight ?? teacher.StyleWeight,
                        TvWeight = s.TvWeight ?? teacher.TvWeight,
                    },
                    Architecture = Network(s.Network),
                    Steps = s.Steps ?? defaults.Steps,
                    BatchSize = s.BatchSize ?? defaults.BatchSize,
                    CropSize = s.CropSize ?? defaults.CropSize,
                    StyleSize = s.StyleSize ?? defaults.StyleSize,
                    LearningRate = s.LearningRate ?? defaults.LearningRate,
                    Seed = s.Seed,
                    CheckpointEvery = s.CheckpointEvery,
                },
            };
        }
        else
        {
            NotFor("a style size", s.StyleSize, "an AdaIN decoder");
            NotFor("a transform network", s.Network, "an AdaIN decoder");
            NotFor("a total variation weight", s.TvWeight, "an AdaIN decoder");
            if (s.Backbone is not null && !string.Equals(s.Backbone, "resnet18", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"the AdaIN decoder is built for the resnet18 encoder, not {s.Backbone}");
            var defaults = new AdaInTrainingOptions();
            request = new TrainingRequest(ModelKind.AdaInDecoder, spec.ContentSource, StylesSource: spec.StylesSource)
            {
                WeightsPath = s.WeightsPath,
                AdaIn = defaults with
                {
                    Architecture = s.EncoderLayer is null ? defaults.Architecture : AdaInArchitecture.For(s.EncoderLayer),
                    Steps = s.Steps ?? defaults.Steps,
                    BatchSize = s.BatchSize ?? defaults.BatchSize,
                    CropSize = s.CropSize ?? defaults.CropSize,
                    LearningRate = s.LearningRate ?? defaults.LearningRate,
                    ContentWeight = s.ContentWeight ?? defaults.ContentWeight,
                    StyleWeight = s.StyleWeight ?? defaults.StyleWeight,
                    Seed = s.Seed,
                    CheckpointEvery = s.CheckpointEvery,
                },
            };
        }
        request.Validate();
        return request;
    }

    static TransformNetArchitecture Network(string? name) => name?.ToLowerInvariant() switch
    {
        null or "default" => TransformNetArchitecture.Default,
        "small" => TransformNetArchitecture.Small,
        _ => throw new ArgumentException($"transform network '{name}' is not one of: default, small"),
    };

    static void NotFor(string what, object? value, string model)
    {
        if (value is not null) throw new ArgumentException($"{what} does not apply to training {model}");
    }
}
