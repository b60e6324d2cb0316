using StyleTransfer.Cli.Inputs;

namespace StyleTransfer.Cli.Tests;

public sealed class JobPlannerTests
{
    static readonly ContentImage[] Contents = [new("/p/cat.png", "cat.png"), new("/p/dog.jpg", "dog.jpg")];
    static readonly StyleArgument[] Styles = [new("/s/starry.jpg", 0.7), new("/s/wave.png", 0.3)];

    [Fact]
    public void Every_content_times_every_style_is_one_item()
    {
        var items = JobPlanner.Plan(Contents, Styles, blend: false);

        Assert.Equal(["cat__starry.png", "cat__wave.png", "dog__starry.png", "dog__wave.png"], items.Select(i => i.OutputName));
        Assert.All(items, i => Assert.Single(i.Styles));
        Assert.Equal(items.Select(i => i.OutputName), items.Select(i => i.ItemId));
        Assert.Equal("/p/dog.jpg", items[2].ContentPath);
        Assert.Equal("/s/wave.png", items[3].Styles[0].Path);
        Assert.All(items, i => Assert.False(i.HasMasks));
    }

    [Fact]
    public void Blend_gives_one_item_per_content_with_all_weighted_styles()
    {
        var items = JobPlanner.Plan(Contents, Styles, blend: true);

        Assert.Equal(["cat__starry+wave.png", "dog__starry+wave.png"], items.Select(i => i.OutputName));
        Assert.Equal([("/s/starry.jpg", 0.7), ("/s/wave.png", 0.3)], items[0].Styles.Select(s => (s.Path, s.Weight)));
    }

    [Fact]
    public void Masks_follow_the_seg_naming_and_a_missing_content_mask_is_left_to_fail_its_item()
    {
        using var dir = new TempFolder();
        dir.File("masks/cat_seg.png");
        dir.File("masks/starry_seg.png");

        var items = JobPlanner.Plan(Contents, [Styles[0]], blend: false, dir["masks"]);

        Assert.Equal(dir["masks/cat_seg.png"], items[0].ContentMaskPath);
        Assert.Equal(dir["masks/starry_seg.png"], items[0].StyleMaskPath);
        Assert.Equal(dir["masks/dog_seg.png"], items[1].ContentMaskPath);
        Assert.False(File.Exists(items[1].ContentMaskPath));
    }

    [Fact]
    public void A_missing_style_mask_is_a_usage_error()
    {
        using var dir = new TempFolder();
        dir.File("masks/cat_seg.png");
        var e = Assert.Throws<UsageException>(() => JobPlanner.Plan(Contents, [Styles[0]], false, dir["masks"]));
        Assert.Contains("starry_seg.png", e.Message);
    }
}
