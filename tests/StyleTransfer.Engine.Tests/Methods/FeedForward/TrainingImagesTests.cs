using StyleTransfer.Engine.Methods.FeedForward;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Methods.FeedForward;

public class TrainingImagesTests : IDisposable
{
    readonly TestImages _images = new();

    public void Dispose() => _images.Dispose();

    [Fact]
    public void Unusable_files_are_skipped_with_their_reason_and_small_images_are_resized_up()
    {
        _images.Content(20, 12, "small.png");
        _images.Content(200, 100, "large.png");
        _images.WriteBytes("broken.png", [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        _images.WriteBytes("notes.txt", "labels"u8.ToArray());
        var reported = new List<(string, string)>();
        using var set = TrainingImages.Load(_images.Folder, 32, (path, reason) => reported.Add((path, reason)));

        Assert.Equal(2, set.Count);
        Assert.Equal(2, reported.Count);
        Assert.Contains(reported, r => r.Item1.EndsWith("broken.png") && r.Item2.Length > 0);
        Assert.Contains(reported, r => r.Item1.EndsWith("notes.txt") && r.Item2.Contains("not an image"));
        Assert.Equal(set.Skipped, reported);
        // Sorted: large.png, small.png. The large one is brought down to a 64 px short side, the small one up to 32.
        Assert.Equal((128, 64), set.SizeOf(0));
        Assert.Equal(32, Math.Min(set.SizeOf(1).Width, set.SizeOf(1).Height));
        Assert.Equal(2, set.Description.Images);
        Assert.Equal(2, set.Description.Skipped);
    }

    [Fact]
    public void A_folder_without_usable_images_is_refused()
    {
        _images.WriteBytes("broken.jpg", [1, 2, 3]);
        var e = Assert.Throws<InvalidInputException>(() => TrainingImages.Load(_images.Folder, 32));
        Assert.Contains("no usable training images", e.Message);
        Assert.Contains("broken.jpg", e.Message);
    }

    [Fact]
    public void Crops_follow_the_seed_and_resume_from_a_recorded_state()
    {
        _images.Content(64, 48, "a.png");
        _images.Style(48, 48, "b.png");
        using var set = TrainingImages.Load(_images.Folder, 32);
        var first = new CropSampler(set, 32, 1);
        var again = new CropSampler(set, 32, 1);
        var other = new CropSampler(set, 32, 2);
        var a1 = first.Next(3, CPU);
        Assert.Equal(new long[] { 3, 3, 32, 32 }, a1.shape);
        Assert.True(a1.Same(again.Next(3, CPU)));
        Assert.False(a1.Same(other.Next(3, CPU)));

        var state = first.State;
        var a2 = first.Next(2, CPU);
        var resumed = new CropSampler(set, 32, 99) { State = state };
        Assert.True(a2.Same(resumed.Next(2, CPU)));
    }
}
