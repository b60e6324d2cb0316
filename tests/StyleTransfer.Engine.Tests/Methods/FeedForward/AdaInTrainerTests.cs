using StyleTransfer.Engine.Imaging;
using StyleTransfer.Engine.Methods.FeedForward;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Methods.FeedForward;

/// <summary>Training the AdaIN decoder on the real ResNet-18 encoder at 32 px.</summary>
public class AdaInTrainerTests(FeedForwardFixture fixture) : IClassFixture<FeedForwardFixture>
{
    AdaInModel Train(AdaInTrainingOptions options, List<TrainingProgress>? steps = null, Action<TrainingCheckpoint>? checkpoint = null,
        TrainingCheckpoint? resume = null)
    {
        using var content = TrainingImages.Load(fixture.ContentFolder, options.CropSize);
        using var styles = TrainingImages.Load(fixture.StyleFolder, options.CropSize);
        var progress = new ActionProgress<TrainingProgress>(p => steps?.Add(p));
        return new AdaInTrainer(fixture.Backbone).Train(content, styles, options, progress, checkpoint, resume);
    }

    [Fact]
    public void A_few_steps_lower_the_loss()
    {
        var steps = new List<TrainingProgress>();
        using var model = Train(FeedForwardFixture.AdaInOptions(40), steps);
        // Each step draws other crops of two very different styles, so single losses are noisy: compare averages.
        double first = steps.Take(5).Average(s => s.Loss), last = steps.TakeLast(5).Average(s => s.Loss);
        Assert.True(last < 0.85 * first, $"loss went from {first:F3} to {last:F3}");
        Assert.Equal(2, model.Header.Styles!.Images);
    }

    [Fact]
    public void Stylizes_a_batch_of_any_size_and_reloads_to_identical_outputs()
    {
        var checkpoints = new List<TrainingCheckpoint>();
        using var model = Train(FeedForwardFixture.AdaInOptions(4) with { CheckpointEvery = 2 }, checkpoint: checkpoints.Add);
        var path = Path.Combine(fixture.Images.Folder, "decoder.model");
        model.Save(path);
        using var loaded = AdaInModel.Load(path, fixture.Backbone);

        // 37x45: not a multiple of the encoder's stride 8.
        using var content = ImageIO.LoadTensor(fixture.Images.Content(45, 37, "odd.png"), 45);
        using var style = ImageIO.LoadTensor(fixture.StylePath, 48);
        var batch = cat([content, content.flip(2)], 0);
        var a = model.Stylize(batch, style, alpha: 0.8);
        Assert.Equal(batch.shape, a.shape);
        Assert.True(a.Same(loaded.Stylize(batch, style, alpha: 0.8)));
        Assert.InRange(a.min().ToDouble(), 0, 1);
        Assert.InRange(a.max().ToDouble(), 0, 1);
        // Alpha changes the output; a checkpoint also loads as a model.
        Assert.False(a.Same(model.Stylize(batch, style, alpha: 0)));
        var checkpointPath = Path.Combine(fixture.Images.Folder, "decoder.ckpt");
        checkpoints[^1].Save(checkpointPath);
        using var fromCheckpoint = AdaInModel.Load(checkpointPath, fixture.Backbone);
        Assert.True(a.Same(fromCheckpoint.Stylize(batch, style, alpha: 0.8)));
    }

    [Fact]
    public void Resuming_from_a_checkpoint_gives_the_weights_of_the_uninterrupted_run()
    {
        var options = FeedForwardFixture.AdaInOptions(4) with { CheckpointEvery = 2 };
        var checkpoints = new List<TrainingCheckpoint>();
        using var whole = Train(options, checkpoint: checkpoints.Add);
        using var resumed = Train(options, resume: checkpoints[0]);
        Assert.Equal(checkpoints[1].Weights, ModelFile.ModuleBytes(resumed.Decoder));
        Assert.Equal(checkpoints[1].Weights, ModelFile.ModuleBytes(whole.Decoder));
    }
}
