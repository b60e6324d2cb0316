using SixLabors.ImageSharp.PixelFormats;
using StyleTransfer.Contracts;

namespace StyleTransfer.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class MaskValidationTests(ClusterFixture fixture)
{
    static readonly Rgb24 Blue = new(0, 0, 255), Green = new(0, 255, 0);

    [Fact]
    public async Task Masks_of_the_wrong_size_or_with_unknown_colours_fail_only_their_item()
    {
        var images = fixture.Images;
        var content = images.Content("mask-content.png", 5);
        var style = images.Style("mask-style.png");
        var styleMask = images.Mask("mask-style-labels.png", 64, 64, Blue, Green);
        var wrongSize = images.Mask("mask-wrong-size.png", 64, 24, Blue, Green);
        var noise = images.Noise("mask-noise.png", 64, 64);
        var good = images.Mask("mask-content-labels.png", 64, 64, Green, Blue);
        var spec = new JobSpec("masks", "masks",
        [
            new JobItemSpec("wrong-size", content, [new StyleSpec(style)], "wrong-size.png", wrongSize, styleMask),
            new JobItemSpec("unknown-colours", content, [new StyleSpec(style)], "unknown-colours.png", noise, styleMask),
            new JobItemSpec("good", content, [new StyleSpec(style)], "good.png", good, styleMask),
        ], ClusterFixture.FastOptions);

        var status = await fixture.RunAsync(spec);

        ItemStatus Of(string id) => status.Items.Single(i => i.ItemId == id);
        Assert.True(Of("good").State == ItemState.Succeeded, ClusterFixture.Describe(status));
        var wrong = Of("wrong-size");
        Assert.Equal(ItemState.Failed, wrong.State);
        Assert.Contains(wrongSize, wrong.FailureReason);
        Assert.Contains("64x24", wrong.FailureReason);
        Assert.Null(wrong.Node); // refused before dispatch
        var unknown = Of("unknown-colours");
        Assert.Equal(ItemState.Failed, unknown.State);
        Assert.Contains(noise, unknown.FailureReason);
        Assert.Contains("not label colours", unknown.FailureReason);
        Assert.Null(await fixture.Store.GetAsync("masks/wrong-size.png"));
    }

    [Fact]
    public async Task Segmentation_grain_reports_groups_of_a_valid_pair()
    {
        var images = fixture.Images;
        var request = new SegmentationRequest(
            images.Content("seg-content.png", 6), images.Mask("seg-content-mask.png", 32, 32, Blue, Green),
            images.Style("seg-style.png"), images.Mask("seg-style-mask.png", 64, 64, Blue, Blue));
        var result = await fixture.Client.GetGrain<ISegmentationGrain>(request.Key()).AnalyzeAsync(request);
        Assert.True(result.IsValid, result.Error);
        Assert.Equal(["blue", "green"], result.Groups.Select(g => g.Label).Order().ToArray());
        Assert.True(result.Groups.Single(g => g.Label == "green").Orphan);
        Assert.Equal(0.5, result.Groups.Single(g => g.Label == "blue").ContentFraction, 2);
    }
}
