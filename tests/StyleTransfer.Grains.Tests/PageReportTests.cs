using StyleTransfer.Contracts;
using StyleTransfer.Grains.Tests.Fakes;

namespace StyleTransfer.Grains.Tests;

/// <summary>
/// A page's one-way count reports can reach the job after the job's own tick has read newer counts from the page (the
/// report waits in the job's queue while the tick runs): a stale report must not roll the counts back.
/// </summary>
public sealed class PageReportTests
{
    [Fact]
    public async Task A_stale_report_after_the_page_completed_leaves_the_jobs_counts_as_they_are()
    {
        await using var cluster = await FakeCluster.StartAsync(silos: 1);
        cluster.Engine.Default = FakeStep.Succeed(milliseconds: 10);
        await cluster.StartAsync(cluster.Job("stale", "s0", "s1", "s2"));
        var done = await cluster.WaitAsync("stale");
        Assert.True(done.Succeeded == 3, ClusterFixture.Describe(done));

        var job = cluster.Client.GetGrain<IJobGrain>("stale");
        // What the page reported while its last item was still running.
        await job.ReportPageAsync(new PageCounts(0, 3, Queued: 0, Running: 1, Succeeded: 2, Failed: 0, Skipped: 0, 0, 0));
        for (int i = 0; i < 10; i++)
        {
            var status = await job.GetStatusAsync();
            Assert.True(status.Succeeded == 3 && status.Running == 0, ClusterFixture.Describe(status));
            await Task.Delay(20);
        }
    }
}
