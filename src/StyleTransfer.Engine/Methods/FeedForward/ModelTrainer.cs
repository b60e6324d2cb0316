using StyleTransfer.Engine.Backbones;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// Runs a <see cref="TrainingRequest"/> on a device: loads the training images, trains with the kind's trainer
/// (<see cref="FastStyleTrainer"/> or <see cref="AdaInTrainer"/>), and returns the model file's bytes with the
/// loss curve. Checkpoints go to the caller, which stores them and hands the last one back to resume.
/// </summary>
public sealed class ModelTrainer
{
    readonly Func<string, string?, Device, IBackbone> _backbones;

    /// <summary>Loads the backbone for each training (and frees it after): training is rare and long, loading takes about a second.</summary>
    public ModelTrainer() : this(BackboneFactory.Create) { }

    /// <param name="backbones">(name, weights path, device) to a backbone the trainer owns and disposes.</param>
    public ModelTrainer(Func<string, string?, Device, IBackbone> backbones) => _backbones = backbones;

    /// <param name="device">where to train (e.g. the node's device).</param>
    /// <param name="skipped">told of each unusable training image (path, reason).</param>
    public TrainedModel Train(TrainingRequest request, Device device, IProgress<TrainingProgress>? progress = null,
        Action<TrainingCheckpoint>? checkpoint = null, TrainingCheckpoint? resume = null, Action<string, string>? skipped = null,
        CancellationToken cancellationToken = default)
    {
        request.Validate();
        using var backbone = _backbones(request.Backbone, request.WeightsPath, device);
        var losses = new List<double>(resume?.Losses ?? []);
        var recording = new SyncProgress<TrainingProgress>(p =>
        {
            losses.Add(p.Loss);
            progress?.Report(p);
        });
        using var memory = new MemoryStream();
        ModelHeader header;
        if (request.Kind == ModelKind.Fast)
        {
            using var content = TrainingImages.Load(request.ContentSource, request.Fast.CropSize, skipped);
            using var model = new FastStyleTrainer(backbone).Train(request.StylePath!, content, request.Fast, recording, checkpoint, resume, cancellationToken);
            model.Save(memory);
            header = model.Header;
        }
        else
        {
            using var content = TrainingImages.Load(request.ContentSource, request.AdaIn.CropSize, skipped);
            using var styles = TrainingImages.Load(request.StylesSource!, request.AdaIn.CropSize, skipped);
            using var model = new AdaInTrainer(backbone).Train(content, styles, request.AdaIn, recording, checkpoint, resume, cancellationToken);
            model.Save(memory);
            header = model.Header;
        }
        return new TrainedModel(header, memory.ToArray(), losses);
    }
}
