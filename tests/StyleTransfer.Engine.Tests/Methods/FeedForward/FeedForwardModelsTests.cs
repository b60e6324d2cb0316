using StyleTransfer.Engine.Methods.FeedForward;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Methods.FeedForward;

/// <summary>Models are loaded once and shared; a replaced file is loaded again; a bad file is refused each time, not cached.</summary>
public class FeedForwardModelsTests(FeedForwardFixture fixture) : IClassFixture<FeedForwardFixture>
{
    string SaveFast(string name, int seed)
    {
        random.manual_seed(seed);
        var header = new ModelHeader { Kind = ModelKind.Fast, TransformNet = FeedForwardFixture.Tiny, Backbone = "resnet18", Steps = 1 };
        using var model = new FastStyleModel(header, new TransformNet(FeedForwardFixture.Tiny), CPU);
        var path = Path.Combine(fixture.Images.Folder, name);
        model.Save(path);
        return path;
    }

    [Fact]
    public void SameFileIsLoadedOnceAndShared()
    {
        var models = new FeedForwardModels();
        var path = SaveFast("shared.model", 1);
        var first = models.Fast(path, CPU);
        var second = models.Fast(path, CPU);
        Assert.Same(first, second);
        Assert.Equal((1L, 1L), models.Statistics);
    }

    [Fact]
    public void ReplacedFileIsLoadedAgain()
    {
        var models = new FeedForwardModels();
        var path = SaveFast("replaced.model", 1);
        var before = models.Fast(path, CPU);
        SaveFast("replaced.model", 2);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        var after = models.Fast(path, CPU);
        Assert.NotSame(before, after);
        Assert.NotEqual(before.Header.WeightsSha256, after.Header.WeightsSha256);
    }

    [Fact]
    public void AtMostCapacityModelsAreKept()
    {
        var models = new FeedForwardModels(capacity: 2);
        var a = SaveFast("a.model", 1);
        var first = models.Fast(a, CPU);
        models.Fast(SaveFast("b.model", 2), CPU);
        models.Fast(SaveFast("c.model", 3), CPU); // a is the least recently used: dropped
        Assert.NotSame(first, models.Fast(a, CPU));
        Assert.Equal(4, models.Statistics.Loads);
    }

    [Fact]
    public void BadFileIsRefusedEveryTimeAndNotCached()
    {
        var models = new FeedForwardModels();
        var path = Path.Combine(fixture.Images.Folder, "broken.model");
        File.WriteAllText(path, "not a model");
        Assert.Throws<InvalidInputException>(() => models.Fast(path, CPU));
        Assert.Throws<InvalidInputException>(() => models.Fast(path, CPU));
        Assert.Equal(2, models.Statistics.Loads);
        var missing = Assert.Throws<InvalidInputException>(() => models.Fast(Path.Combine(fixture.Images.Folder, "none.model"), CPU));
        Assert.Contains("model file not found", missing.Message);
    }
}
