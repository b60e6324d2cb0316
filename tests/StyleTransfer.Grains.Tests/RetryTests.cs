using StyleTransfer.Contracts;
using StyleTransfer.Grains.Tests.Fakes;

namespace StyleTransfer.Grains.Tests;

/// <summary>Retries, with the fake engine: a transient failure is retried up to Jobs:MaxAttempts, a permanent one is not.</summary>
public sealed class RetryTests
{
    [Fact]
    public async Task A_transient_failure_is_retried_up_to_the_allowed_attempts_and_then_fails_with_its_cause()
    {
        await using var cluster = await FakeCluster.StartAsync(silos: 2, jobs: jobs => jobs.MaxAttempts = 3);
        cluster.Engine.Script("flaky", FakeStep.Interrupt, FakeStep.Interrupt); // then succeeds
        cluster.Engine.Script("doomed", FakeStep.Interrupt, FakeStep.Interrupt, FakeStep.Interrupt, FakeStep.Interrupt);

        await cluster.StartAsync(cluster.Job("retry", "flaky", "doomed"));
        var status = await cluster.WaitAsync("retry");

        var flaky = status.Items.Single(i => i.ItemId == "flaky");
        Assert.True(flaky.State == ItemState.Succeeded, ClusterFixture.Describe(status));
        Assert.Equal(3, flaky.Attempts);
        var doomed = status.Items.Single(i => i.ItemId == "doomed");
        Assert.Equal(ItemState.Failed, doomed.State);
        Assert.Equal(3, doomed.Attempts);
        Assert.Equal(3, cluster.Engine.CallsOf("doomed").Count); // the fourth scripted interruption is never reached
        Assert.Equal("interrupted: its node shut down (gave up after 3 attempts)", doomed.FailureReason);
        Assert.Equal(["retry/flaky.png"], cluster.FilesInResults().Where(f => f.EndsWith(".png")));
        Assert.Equal(1, cluster.Store.CommitsOf("retry/flaky.png"));
    }

    [Fact]
    public async Task An_invalid_input_fails_the_item_at_once_with_the_engines_reason()
    {
        await using var cluster = await FakeCluster.StartAsync(silos: 1, jobs: jobs => jobs.MaxAttempts = 3);
        cluster.Engine.Script("broken", FakeStep.InvalidInput("not a PNG, JPEG or WebP image"));

        await cluster.StartAsync(cluster.Job("invalid", "broken", "fine"));
        var status = await cluster.WaitAsync("invalid");

        var broken = status.Items.Single(i => i.ItemId == "broken");
        Assert.True(broken.State == ItemState.Failed, ClusterFixture.Describe(status));
        Assert.Equal(1, broken.Attempts);
        Assert.Single(cluster.Engine.CallsOf("broken"));
        Assert.Equal($"{cluster.Images.Path("broken.png")}: not a PNG, JPEG or WebP image", broken.FailureReason);
        Assert.Equal(ItemState.Succeeded, status.Items.Single(i => i.ItemId == "fine").State);
    }
}
