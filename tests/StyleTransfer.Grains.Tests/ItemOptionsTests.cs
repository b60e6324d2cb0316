using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using StyleTransfer.Contracts;
using StyleTransfer.Engine.Methods.Gatys;

namespace StyleTransfer.Grains.Tests;

/// <summary>An item's own method options (JobItemSpec.Options), as a study's conditions use them.</summary>
public sealed class ItemOptionsTests : IDisposable
{
    readonly TestImages _images = new();

    public void Dispose() => _images.Dispose();

    static readonly GatysOptions JobOptions = new() { MaxSize = 64, Iterations = 5 };

    [Fact]
    public void Item_options_round_trip_through_the_orleans_serializer()
    {
        using var services = new ServiceCollection().AddStyleTransferSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var item = new JobItemSpec("lo/a.png", "/in/a.png", [new StyleSpec("/in/s.png")], "lo/a.png") { Options = JobOptions with { StyleWeight = 10 } };
        var spec = new JobSpec("j", "out", [item, item with { ItemId = "b", OutputName = "b.png", Options = null }], JobOptions);

        var copy = serializer.Deserialize<JobSpec>(serializer.SerializeToArray(spec))!;

        Assert.Equal(JsonSerializer.Serialize(spec), JsonSerializer.Serialize(copy));
        Assert.Equal(10, copy.Items[0].Options!.StyleWeight);
        Assert.Null(copy.Items[1].Options);
        Assert.Equal(JobOptions.StyleWeight, copy.Items[1].OptionsOr(copy.Options).StyleWeight);
    }

    [Fact]
    public void A_job_with_invalid_item_options_is_refused()
    {
        var item = new JobItemSpec("a", "/in/a.png", [new StyleSpec("/in/s.png")], "a.png") { Options = JobOptions with { MaxSize = 0 } };
        var e = Assert.Throws<ArgumentException>(() => new JobSpec("j", "", [item], JobOptions).Validate());
        Assert.Contains("size 0", e.Message);
    }

    [Fact]
    public void The_parameters_hash_follows_the_options_the_item_runs_with()
    {
        var content = _images.Content("item-options-content.png", 1);
        var style = _images.Style("item-options-style.png");
        var item = new JobItemSpec("a", content, [new StyleSpec(style)], "a.png");
        string HashOf(JobItemSpec i) => ResultParameters.Compute(i, i.OptionsOr(JobOptions)).Hash;

        // The job's options given per item are the same parameters (an output made by a batch is reused by a study).
        Assert.Equal(HashOf(item), HashOf(item with { Options = JobOptions }));
        var strong = item with { Options = JobOptions with { StyleWeight = 1000 } };
        Assert.NotEqual(HashOf(item), HashOf(strong));
        Assert.Contains("\"styleWeight\":1000", ResultParameters.Compute(strong, strong.OptionsOr(JobOptions)).Json);
    }
}
