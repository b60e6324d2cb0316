using System.Text.Json;
using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Losses;
using StyleTransfer.Engine.Methods.Gatys;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// Trains an <see cref="AdaInDecoder"/> (Huang &amp; Belongie): content and style crops are encoded by the frozen
/// ResNet-18 up to the cut layer, AdaIN gives the target t, the decoder's image g is encoded again, and the loss is
/// content ‖E(g) − t‖² / ‖t‖² plus style: per encoder stage (and the pixels, if
/// <see cref="AdaInTrainingOptions.MatchColourMoments"/>) the squared error of the channel means and standard
/// deviations of g against the style's, relative to the style's. Adam, seeded; resumable like the fast trainer.
/// </summary>
public sealed class AdaInTrainer(IBackbone backbone)
{
    /// <param name="content">content images (loaded at <see cref="AdaInTrainingOptions.CropSize"/>).</param>
    /// <param name="styles">style images (loaded at the same crop size).</param>
    public AdaInModel Train(TrainingImages content, TrainingImages styles, AdaInTrainingOptions options,
        IProgress<TrainingProgress>? progress = null, Action<TrainingCheckpoint>? checkpoint = null,
        TrainingCheckpoint? resume = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        if (backbone.Name != "resnet18")
            throw new ArgumentException($"the AdaIN decoder is built for the resnet18 encoder; the backbone given is {backbone.Name}");
        var device = backbone.Device;
        var architecture = options.Architecture;
        var cut = architecture.EncoderLayer;
        IReadOnlyList<string> styleLayers = options.MatchColourMoments ? [FeatureLayers.Pixels, .. architecture.StyleLayers] : architecture.StyleLayers;
        var contentSampler = new CropSampler(content, options.CropSize, TrainingLoop.SeedFor(options.Seed, 0));
        var styleSampler = new CropSampler(styles, options.CropSize, TrainingLoop.SeedFor(options.Seed, 1));

        random.manual_seed(options.Seed);
        var decoder = new AdaInDecoder(architecture);
        decoder.to(device);
        var header = new ModelHeader
        {
            Kind = ModelKind.AdaInDecoder,
            Decoder = architecture,
            Backbone = backbone.Name,
            Training = JsonSerializer.Serialize(options with { Steps = 0, CheckpointEvery = 0 }, ModelFile.Json),
            Seed = options.Seed,
            Content = content.Description,
            Styles = styles.Description,
        };
        if (resume is not null)
        {
            TrainingLoop.CheckResume(resume, header, options.Steps, 2);
            ModelFile.LoadInto(decoder, resume.Weights, resume.Source, architecture.ToString());
            contentSampler.State = resume.State.SamplerStates[0];
            styleSampler.State = resume.State.SamplerStates[1];
        }

        (Tensor, Dictionary<string, double>) NextLoss()
        {
            var contentCrops = contentSampler.Next(options.BatchSize, device);
            var styleCrops = styleSampler.Next(options.BatchSize, device);
            Tensor target;
            var styleMoments = new Dictionary<string, (Tensor Mean, Tensor Std)>();
            using (no_grad())
            {
                var contentFeatures = backbone.Extract(contentCrops, [cut])[cut];
                foreach (var (layer, f) in FeatureLayers.Extract(backbone, styleCrops, styleLayers))
                    styleMoments[layer] = AdaIn.Moments(f);
                target = AdaIn.Apply(contentFeatures, styleMoments[cut].Mean, styleMoments[cut].Std);
            }
            var image = AdaInModel.FitTo(decoder.forward(target), options.CropSize, options.CropSize);
            var features = FeatureLayers.Extract(backbone, image, styleLayers);
            var contentLoss = nn.functional.mse_loss(features[cut], target).div(target.square().mean().clamp_min(1e-12));
            var styleLoss = zeros(1, device: device).sum();
            foreach (var layer in styleLayers)
            {
                var (mean, std) = AdaIn.Moments(features[layer]);
                var (styleMean, styleStd) = styleMoments[layer];
                var error = nn.functional.mse_loss(mean, styleMean) + nn.functional.mse_loss(std, styleStd);
                var scale = (styleMean.square() + styleStd.square()).mean().clamp_min(1e-12);
                styleLoss = styleLoss + error.div(scale);
            }
            styleLoss = styleLoss.div(styleLayers.Count);
            var total = contentLoss.mul(options.ContentWeight) + styleLoss.mul(options.StyleWeight);
            return (total, new Dictionary<string, double> { ["content"] = contentLoss.ToDouble(), ["style"] = styleLoss.ToDouble() });
        }

        TrainingCheckpoint CheckpointAt(int step, IReadOnlyList<double> losses, byte[] optimizer) => new(
            header with { Steps = step, Checkpoint = new CheckpointState(step, [contentSampler.State, styleSampler.State], losses, ModelFile.Sha256(optimizer)) },
            ModelFile.ModuleBytes(decoder), optimizer);

        try
        {
            TrainingLoop.Run(decoder, resume, options.Steps, options.LearningRate, options.BatchSize, options.CheckpointEvery,
                NextLoss, CheckpointAt, progress, checkpoint, cancellationToken);
        }
        catch
        {
            decoder.Dispose();
            throw;
        }
        return new AdaInModel(header with { Steps = options.Steps }, decoder, backbone);
    }
}
