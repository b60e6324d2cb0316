using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using StyleTransfer.Contracts;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.Gatys;

namespace StyleTransfer.Grains.Tests;

/// <summary>An item's own method options (JobItemSpec.Options), as a study's conditions use them.</summary>
public sealed class ItemOptionsTests : IDisposable
{
    readonly TestImages _images = new();

    public void Dispose() => _images.Dispose();

    static readonly MethodSpec JobOptions = MethodSpecMapping.ToSpec(new StylizeOptions { Shared = new() { MaxSize = 64, Iterations = 5 } });

    static MethodSpec WithStyleWeight(double weight) => JobOptions with { Gatys = JobOptions.Gatys with { StyleWeight = weight } };

    [Fact]
    public void Item_options_round_trip_through_the_orleans_serializer()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var item = new JobItemSpec("lo/a.png", "/in/a.png", [new StyleSpec("/in/s.png")], "lo/a.png") { Options = WithStyleWeight(10) };
        var spec = new JobSpec("j", "out", [item, item with { ItemId = "b", OutputName = "b.png", Options = null }], JobOptions);

        var copy = serializer.Deserialize<JobSpec>(serializer.SerializeToArray(spec))!;

        Assert.Equal(JsonSerializer.Serialize(spec), JsonSerializer.Serialize(copy));
        Assert.Equal(10, copy.Items[0].Options!.Gatys.StyleWeight);
        Assert.Null(copy.Items[1].Options);
        Assert.Equal(JobOptions.Gatys.StyleWeight, copy.Items[1].OptionsOr(copy.Options).Gatys.StyleWeight);
    }

    [Fact]
    public void A_job_with_invalid_item_options_is_refused()
    {
        var item = new JobItemSpec("a", "/in/a.png", [new StyleSpec("/in/s.png")], "a.png") { Options = JobOptions with { Shared = JobOptions.Shared with { MaxSize = 0 } } };
        var e = Assert.Throws<ArgumentException>(() => MethodChecks.Validate(new JobSpec("j", "", [item], JobOptions)));
        Assert.Contains("size 0", e.Message);
    }

    static ResultParameters Parameters(JobItemSpec item) =>
        ResultParameters.Compute(item, MethodSpecMapping.ForNode(item.OptionsOr(JobOptions)), ItemHashes.Of(item));

    [Fact]
    public void The_parameters_hash_follows_the_options_the_item_runs_with()
    {
        var content = _images.Content("item-options-content.png", 1);
        var style = _images.Style("item-options-style.png");
        var item = new JobItemSpec("a", content, [new StyleSpec(style)], "a.png");
        string HashOf(JobItemSpec i) => Parameters(i).Hash;

        // The job's options given per item are the same parameters (an output made by a batch is reused by a study).
        Assert.Equal(HashOf(item), HashOf(item with { Options = JobOptions }));
        var strong = item with { Options = WithStyleWeight(1000) };
        Assert.NotEqual(HashOf(item), HashOf(strong));
        Assert.Contains("\"styleWeight\":1000", Parameters(strong).Json);
    }
}
