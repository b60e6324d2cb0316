using StyleTransfer.Cli.Running;
using StyleTransfer.Contracts;

namespace StyleTransfer.Cli.Tests;

public sealed class ProgressTextTests
{
    static JobStatus Status(double? secondsPerItem, int queued = 6) => new("j", DateTimeOffset.UtcNow, null, false, 10, queued, 2, 2, 0, 0,
        secondsPerItem, [], [new NodeInfo("a", "cpu", 2, 2), new NodeInfo("b", "cuda", 2, 0)]);

    [Fact]
    public void Progress_shows_images_per_second_beside_the_eta_once_an_item_is_computed()
    {
        Assert.Null(ProgressText.Rate(Status(null)));
        Assert.Equal("0.5 images/s", ProgressText.Rate(Status(8.0)));
        Assert.Contains(", 0.5 images/s, ETA 0:16", ProgressText.Summary(Status(8.0)));
        Assert.Contains(" · 0.5 images/s · ETA", ProgressText.Compact(Status(8.0)));
        Assert.DoesNotContain("images/s", ProgressText.Summary(Status(null)));
    }
}
