using System.Text.Json;
using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// Trains a <see cref="TransformNet"/> for one style (Johnson et al.): random crops of the user's content images go
/// through the network, and the Gatys objective on <paramref name="backbone"/> (<see cref="GatysTeacher"/>) scores
/// the outputs against their crops and the style; Adam, seeded. On CPU the same seed gives the same weights, and a
/// run resumed from a checkpoint continues exactly as the uninterrupted run would have.
/// </summary>
public sealed class FastStyleTrainer(IBackbone backbone)
{
    /// <param name="stylePath">the style image (its SHA-256 is recorded in the model).</param>
    /// <param name="content">the content images to crop from (see <see cref="TrainingImages.Load"/>, at <see cref="FastTrainingOptions.CropSize"/>).</param>
    /// <param name="checkpoint">receives a checkpoint every <see cref="FastTrainingOptions.CheckpointEvery"/> steps; the caller stores it.</param>
    /// <param name="resume">a checkpoint of this same run (same options, style and content) to continue from.</param>
    public FastStyleModel Train(string stylePath, TrainingImages content, FastTrainingOptions options,
        IProgress<TrainingProgress>? progress = null, Action<TrainingCheckpoint>? checkpoint = null,
        TrainingCheckpoint? resume = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        if (!string.Equals(options.Backbone, backbone.Name, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"the teacher options name backbone '{options.Backbone}' but the trainer was given {backbone.Name}");
        var device = backbone.Device;
        var styleBytes = ImageIO.ReadFile(stylePath);
        using var style = ImageIO.LoadTensor(styleBytes, stylePath, options.StyleSize, device);
        using var teacher = new GatysTeacher(backbone, style, options.Teacher);
        var sampler = new CropSampler(content, options.CropSize, TrainingLoop.SeedFor(options.Seed, 0));

        random.manual_seed(options.Seed);
        var network = new TransformNet(options.Architecture);
        network.to(device);
        var header = new ModelHeader
        {
            Kind = ModelKind.Fast,
            TransformNet = options.Architecture,
            Backbone = backbone.Name,
            StyleSha256 = ModelFile.Sha256(styleBytes),
            Teacher = options.Teacher,
            Training = JsonSerializer.Serialize(options with { Steps = 0, CheckpointEvery = 0 }, ModelFile.Json),
            Seed = options.Seed,
            Content = content.Description,
        };
        if (resume is not null)
        {
            TrainingLoop.CheckResume(resume, header, options.Steps, 1);
            ModelFile.LoadInto(network, resume.Weights, resume.Source, options.Architecture.ToString());
            sampler.State = resume.State.SamplerStates[0];
        }

        (Tensor, Dictionary<string, double>) NextLoss()
        {
            var crops = sampler.Next(options.BatchSize, device);
            var output = network.forward(crops);
            return teacher.Loss(output, crops);
        }

        TrainingCheckpoint CheckpointAt(int step, IReadOnlyList<double> losses, byte[] optimizer) => new(
            header with { Steps = step, Checkpoint = new CheckpointState(step, [sampler.State], losses, ModelFile.Sha256(optimizer)) },
            ModelFile.ModuleBytes(network), optimizer);

        try
        {
            TrainingLoop.Run(network, resume, options.Steps, options.LearningRate, options.BatchSize, options.CheckpointEvery,
                NextLoss, CheckpointAt, progress, checkpoint, cancellationToken);
        }
        catch
        {
            network.Dispose();
            throw;
        }
        return new FastStyleModel(header with { Steps = options.Steps }, network, device);
    }
}
