using StyleTransfer.Engine.Methods.FeedForward;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Methods.FeedForward;

/// <summary>Training the fast method's transform network with the real ResNet-18 teacher at 32 px.</summary>
public class FastStyleTrainerTests(FeedForwardFixture fixture) : IClassFixture<FeedForwardFixture>
{
    FastStyleModel Train(FastTrainingOptions options, List<TrainingProgress>? steps = null, Action<TrainingCheckpoint>? checkpoint = null,
        TrainingCheckpoint? resume = null)
    {
        using var content = TrainingImages.Load(fixture.ContentFolder, options.CropSize);
        var progress = new ActionProgress<TrainingProgress>(p => steps?.Add(p));
        return new FastStyleTrainer(fixture.Backbone).Train(fixture.StylePath, content, options, progress, checkpoint, resume);
    }

    static Tensor Weights(FastStyleModel model) =>
        cat(model.Network.parameters().Select(p => p.detach().flatten()).ToList(), 0);

    [Fact]
    public void A_few_steps_lower_the_loss_and_report_progress()
    {
        var steps = new List<TrainingProgress>();
        using var model = Train(FeedForwardFixture.FastOptions(24), steps);
        Assert.Equal(Enumerable.Range(1, 24), steps.Select(s => s.Step));
        Assert.All(steps, s => Assert.True(s.ImagesPerSecond > 0 && s.TotalSteps == 24));
        Assert.All(steps, s => Assert.Equal(s.Loss, s.Terms["content"] + s.Terms["style"] + s.Terms["tv"], s.Loss * 1e-5));
        double first = steps.Take(4).Average(s => s.Loss), last = steps.TakeLast(4).Average(s => s.Loss);
        Assert.True(last < 0.7 * first, $"loss went from {first:F3} to {last:F3}");
        Assert.Equal(24, model.Header.Steps);
        Assert.Equal(ModelFile.Sha256(File.ReadAllBytes(fixture.StylePath)), model.Header.StyleSha256);
        Assert.Equal(4, model.Header.Content!.Images);
    }

    [Fact]
    public void Resuming_from_a_checkpoint_gives_the_weights_of_the_uninterrupted_run()
    {
        var options = FeedForwardFixture.FastOptions(6) with { CheckpointEvery = 3 };
        var checkpoints = new List<TrainingCheckpoint>();
        using var whole = Train(options, checkpoint: checkpoints.Add);
        Assert.Equal([3, 6], checkpoints.Select(c => c.Step));

        // Through a file, as a crashed node would find it.
        var path = Path.Combine(fixture.Images.Folder, "fast.ckpt");
        checkpoints[0].Save(path);
        var resumedSteps = new List<TrainingProgress>();
        using var resumed = Train(options, resumedSteps, resume: TrainingCheckpoint.Load(path));

        Assert.Equal([4, 5, 6], resumedSteps.Select(s => s.Step));
        Assert.Equal(checkpoints[1].Losses, TrainingCheckpoint.Load(path).Losses.Concat(resumedSteps.Select(s => s.Loss)));
        Assert.True(Weights(whole).Same(Weights(resumed)), "resumed weights differ from the uninterrupted run's");
    }

    [Fact]
    public void A_checkpoint_of_another_run_is_refused()
    {
        var checkpoints = new List<TrainingCheckpoint>();
        using (Train(FeedForwardFixture.FastOptions(2) with { CheckpointEvery = 2 }, checkpoint: checkpoints.Add)) { }
        var other = FeedForwardFixture.FastOptions(4) with { LearningRate = 5e-3 };
        var e = Assert.Throws<InvalidInputException>(() => Train(other, resume: checkpoints[0]));
        Assert.Contains("training options", e.Message);
    }

    [Fact]
    public void A_saved_model_reloads_to_identical_outputs()
    {
        using var model = Train(FeedForwardFixture.FastOptions(2));
        var path = Path.Combine(fixture.Images.Folder, "fast.model");
        model.Save(path);
        using var loaded = FastStyleModel.Load(path);

        using var content = StyleTransfer.Engine.Imaging.ImageIO.LoadTensor(fixture.Images.Content(40, 36, "probe.png"), 64);
        var batch = cat([content, content.flip(3)], 0);
        var a = model.Stylize(batch);
        var b = loaded.Stylize(batch);
        Assert.Equal(batch.shape, a.shape);
        Assert.True(a.Same(b), "reloaded model gives other outputs");
        Assert.InRange(a.min().ToDouble(), 0, 1);
        Assert.InRange(a.max().ToDouble(), 0, 1);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(model.Header with { WeightsSha256 = "" }, ModelFile.Json),
            System.Text.Json.JsonSerializer.Serialize(loaded.Header with { WeightsSha256 = "" }, ModelFile.Json));
        // A batch stylizes each image as it would be alone (instance norm, no cross-sample statistics).
        Assert.True(a[1..2].allclose(model.Stylize(content.flip(3)), rtol: 1e-4, atol: 1e-5));
    }
}
