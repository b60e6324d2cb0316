using StyleTransfer.Contracts;

namespace StyleTransfer.Cluster.Tests;

/// <summary>
/// Faults survived by a cluster of real silo processes on loopback: a silo killed mid-job, the storage emulator
/// stopped and started mid-job, bad inputs in a large job, a client that goes away. Each test starts its own
/// Azurite and silos; items are small so that a test takes well under a minute on two cores.
/// </summary>
[Collection(nameof(LoopbackClusterCollection))]
public sealed class FaultTests
{
    static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_silo_killed_mid_job_leaves_every_output_present_once_and_the_counts_adding_up()
    {
        await using var cluster = await LoopbackCluster.StartAsync(silos: 2);
        var client = await cluster.ConnectAsync();
        var spec = new JobSpec("kill", "kill", cluster.Items(30), LoopbackCluster.FastOptions);
        await client.GetGrain<IJobGrain>(spec.JobId).StartAsync(spec);

        bool killed = false;
        var status = await cluster.WaitTracedAsync(client, spec.JobId, JobTimeout, async s =>
        {
            if (!killed && s.Succeeded >= 3 && s.Running > 0)
            {
                killed = true;
                await cluster.Silos[1].KillAsync();
            }
        });

        Assert.True(killed, "the job finished before a silo could be killed");
        Assert.Equal(30, status.Total);
        Assert.Equal(0, status.Failed);
        Assert.Equal(status.Total, status.Succeeded + status.Skipped);
        var names = await cluster.ResultNamesAsync("kill");
        Assert.Equal(spec.Items.Select(i => $"kill/{i.OutputName}").Order(), names.Order());
        Assert.Single(status.Nodes); // the dead silo's node is gone from the cluster
    }

    [Fact]
    public async Task A_silo_that_joins_mid_job_takes_work_at_once()
    {
        await using var cluster = await LoopbackCluster.StartAsync(silos: 1);
        var client = await cluster.ConnectAsync();
        // Enough items that one silo is still busy when the second has started (a silo takes 5-10 s to start here).
        var spec = new JobSpec("join", "join", cluster.Items(40), LoopbackCluster.FastOptions);
        await client.GetGrain<IJobGrain>(spec.JobId).StartAsync(spec);
        var before = await LoopbackCluster.WaitUntilAsync(client, spec.JobId, s => s.Succeeded >= 2, JobTimeout);
        Assert.False(before.IsComplete, "the job finished before a silo could join");

        await cluster.AddSiloAsync();
        var status = await LoopbackCluster.WaitAsync(client, spec.JobId, JobTimeout);

        Assert.Equal(40, status.Succeeded);
        Assert.Equal(2, status.Nodes.Count);
        var byNode = status.Items.GroupBy(i => i.Node).ToDictionary(g => g.Key!, g => g.Count());
        Assert.True(byNode.Count == 2, $"items ran on {string.Join(", ", byNode.Select(n => $"{n.Key}: {n.Value}"))}");
    }

    [Fact]
    public async Task Storage_stopped_and_restarted_mid_job_makes_items_retry_and_the_job_completes()
    {
        await using var cluster = await LoopbackCluster.StartAsync(silos: 1);
        var client = await cluster.ConnectAsync();
        var spec = new JobSpec("outage", "outage", cluster.Items(16), LoopbackCluster.FastOptions);
        await client.GetGrain<IJobGrain>(spec.JobId).StartAsync(spec);

        bool stopped = false;
        var status = await LoopbackCluster.WaitAsync(client, spec.JobId, JobTimeout, async s =>
        {
            if (!stopped && s.Succeeded >= 2)
            {
                stopped = true;
                await cluster.Storage.StopAsync();
                // Longer than the result store client's own retries (about 15 s): items finishing now fail to commit and must be retried.
                await Task.Delay(TimeSpan.FromSeconds(22));
                await cluster.Storage.StartAsync();
            }
        });

        Assert.True(stopped, "the job finished before storage could be stopped");
        Assert.Equal(0, status.Failed);
        Assert.Equal(16, status.Succeeded + status.Skipped);
        Assert.Equal(16, (await cluster.ResultNamesAsync("outage")).Count);
        var results = await client.GetGrain<IJobGrain>(spec.JobId).GetItemsAsync(0);
        Assert.Contains(results, i => i.Attempts > 1); // at least one item met the outage and was retried
    }

    [Fact]
    public async Task Corrupt_and_oversized_inputs_in_a_large_manifest_job_fail_with_reasons_and_the_rest_completes()
    {
        await using var cluster = await LoopbackCluster.StartAsync(silos: 2);
        var images = cluster.Images;
        var style = images.Style("style.png", 32, 32);
        var good = Enumerable.Range(0, 4).Select(i => images.Content($"c{i}.png", i, 32, 32)).ToList();
        var corrupt = images.Corrupt("corrupt.png");
        var oversized = images.Oversized("huge.png");
        var lines = new List<string>();
        var expectedFailures = new Dictionary<string, string>();
        for (int i = 0; i < 600; i++)
        {
            string output = $"n{i:D4}.png";
            if (i % 97 == 5)
            {
                lines.Add($$"""{"content": "{{corrupt}}", "style": "{{style}}", "output": "{{output}}"}""");
                expectedFailures[$"big/{output}"] = "corrupt.png";
            }
            else if (i % 131 == 7)
            {
                lines.Add($$"""{"content": "{{oversized}}", "style": "{{style}}", "output": "{{output}}"}""");
                expectedFailures[$"big/{output}"] = "huge.png";
            }
            else if (i == 300)
            {
                lines.Add("""{"content": "no closing brace" """);
                expectedFailures["big/line-301.invalid"] = "line 301";
            }
            else lines.Add($$"""{"content": "{{good[i % 4]}}", "style": "{{style}}", "output": "{{output}}"}""");
        }
        var manifest = images.Path("items.jsonl");
        await File.WriteAllLinesAsync(manifest, lines);

        var client = await cluster.ConnectAsync();
        var options = LoopbackCluster.FastOptions with { Shared = LoopbackCluster.FastOptions.Shared with { MaxSize = 32, Iterations = 2 } };
        var spec = new JobSpec("big", "big", Array.Empty<JobItemSpec>(), options) { ManifestPath = manifest };
        await client.GetGrain<IJobGrain>(spec.JobId).StartAsync(spec);
        var status = await LoopbackCluster.WaitAsync(client, spec.JobId, JobTimeout);

        Assert.Equal(600, status.Total);
        Assert.Equal(3, status.Pages); // 256 items per page
        Assert.Equal(expectedFailures.Count, status.Failed);
        Assert.Equal(600 - expectedFailures.Count, status.Succeeded + status.Skipped);
        var failed = new List<ItemStatus>();
        for (int page = 0; page < status.Pages; page++)
            failed.AddRange((await client.GetGrain<IJobGrain>(spec.JobId).GetItemsAsync(page)).Where(i => i.State == ItemState.Failed));
        Assert.Equal(expectedFailures.Keys.Order(), failed.Select(f => f.OutputName).Order());
        foreach (var item in failed) Assert.Contains(expectedFailures[item.OutputName], item.FailureReason);
        Assert.Equal(600 - expectedFailures.Count, (await cluster.ResultNamesAsync("big")).Count);
    }

    [Fact]
    public async Task A_client_that_disconnects_does_not_cancel_its_job_and_a_second_client_watches_it_finish()
    {
        await using var cluster = await LoopbackCluster.StartAsync(silos: 1);
        var first = await cluster.ConnectAsync();
        var spec = new JobSpec("detached", "detached", cluster.Items(16), LoopbackCluster.FastOptions);
        await first.GetGrain<IJobGrain>(spec.JobId).StartAsync(spec);
        await cluster.DisconnectAsync(first);

        var second = await cluster.ConnectAsync();
        var seen = new List<int>();
        var status = await LoopbackCluster.WaitAsync(second, spec.JobId, JobTimeout, s => { seen.Add(s.Succeeded); return Task.CompletedTask; });

        Assert.False(status.Cancelled);
        Assert.Equal(16, status.Succeeded);
        Assert.True(seen.First() < 16, "the second client should have seen the job in progress");
    }

    [Fact]
    public async Task A_job_survives_the_restart_of_every_silo_and_its_reminder_finishes_it()
    {
        await using var cluster = await LoopbackCluster.StartAsync(silos: 1);
        var client = await cluster.ConnectAsync();
        var spec = new JobSpec("restart", "restart", cluster.Items(16), LoopbackCluster.FastOptions);
        await client.GetGrain<IJobGrain>(spec.JobId).StartAsync(spec);
        var before = await LoopbackCluster.WaitUntilAsync(client, spec.JobId, s => s.Succeeded >= 2, JobTimeout);
        await cluster.DisconnectAsync(client);
        await cluster.Silos[0].KillAsync();
        Assert.False(before.IsComplete, "the job finished before its silo could be killed");
        Assert.True((await cluster.ResultNamesAsync("restart")).Count < 16);

        // A new silo, and no client asking: only the job's durable reminder can bring it back.
        var silo = await cluster.AddSiloAsync();
        var deadline = DateTime.UtcNow + JobTimeout;
        while ((await cluster.ResultNamesAsync("restart")).Count < 16 && DateTime.UtcNow < deadline) await Task.Delay(1000);
        Assert.True((await cluster.ResultNamesAsync("restart")).Count == 16, cluster.Logs());

        client = await cluster.ConnectAsync();
        var status = await LoopbackCluster.WaitAsync(client, spec.JobId, TimeSpan.FromSeconds(30));
        Assert.Equal(16, status.Succeeded + status.Skipped);
        Assert.Equal(0, status.Failed);
        Assert.Contains("styletransfer_items", await silo.GetAsync("/metrics"));
        // The job directory is durable too: the new silo's web view lists the job.
        Assert.Contains("\"jobId\":\"restart\"", await silo.GetAsync("/api/jobs"));
    }
}

/// <summary>The fault tests each start several processes: one at a time, so they do not starve each other.</summary>
[CollectionDefinition(nameof(LoopbackClusterCollection), DisableParallelization = true)]
public sealed class LoopbackClusterCollection;
