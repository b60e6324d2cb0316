using StyleTransfer.Cli.Datasets;

namespace StyleTransfer.Cli.Tests;

public sealed class StyleAssignmentTests
{
    [Fact]
    public void The_draw_is_the_documented_sha256_shuffle_so_it_is_the_same_on_any_machine()
    {
        // Values computed independently (Python hashlib) from the documented scheme: SHA-256 of
        // "seed\npath\ndraw\nattempt", first 8 bytes little-endian, rejection sampling, partial Fisher-Yates.
        Assert.Equal([7, 1, 5], StyleAssignment.Draw(7, "train/cat/tabby/001.jpg", 10, 3));
        Assert.Equal([14790], StyleAssignment.Draw(0, "a.png", 79_000, 1));
        Assert.Equal([7, 1, 5, 4, 3, 0, 9, 8, 6, 2], StyleAssignment.Draw(7, "train/cat/tabby/001.jpg", 10, 10));
        Assert.Equal(StyleAssignment.Draw(7, "train/cat/tabby/001.jpg", 10, 3), StyleAssignment.Draw(7, "train\\cat\\tabby\\001.jpg", 10, 3));
    }

    [Fact]
    public void Draws_are_without_replacement_and_spread_over_all_styles()
    {
        var counts = new int[6];
        for (int i = 0; i < 600; i++)
        {
            var picks = StyleAssignment.Draw(3, $"class-{i % 7}/img-{i}.jpg", 6, 4);
            Assert.Equal(4, picks.Distinct().Count());
            Assert.All(picks, p => Assert.InRange(p, 0, 5));
            foreach (var p in picks) counts[p]++;
        }
        // 2400 draws over 6 styles: 400 each expected; a biased draw would leave some far off.
        Assert.All(counts, c => Assert.InRange(c, 320, 480));
        Assert.NotEqual(StyleAssignment.Draw(3, "a.jpg", 1000, 1), StyleAssignment.Draw(4, "a.jpg", 1000, 1));
    }

    [Fact]
    public void Asking_for_more_styles_than_there_are_is_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => StyleAssignment.Draw(0, "a.jpg", 2, 3));
        Assert.Contains("usable styles", e.Message);
    }
}
