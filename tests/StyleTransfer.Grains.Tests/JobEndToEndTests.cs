using SixLabors.ImageSharp;
using StyleTransfer.Contracts;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.Photo;
using StyleTransfer.Engine.Methods.Strotss;

namespace StyleTransfer.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class JobEndToEndTests(ClusterFixture fixture)
{
    static JobItemSpec Item(string id, string content, string style) =>
        new(id, content, [new StyleSpec(style)], $"{id}.png");

    [Fact]
    public async Task Job_runs_on_both_silos_commits_results_with_parameters_and_a_second_job_skips_them()
    {
        var images = fixture.Images;
        var style = images.Style("e2e-stripes.png");
        JobItemSpec[] items =
        [
            Item("first", images.Content("e2e-first.png", 1), style),
            Item("second", images.Content("e2e-second.png", 2), style),
        ];
        var spec = new JobSpec("e2e-1", "e2e", items, ClusterFixture.FastOptions);

        var status = await fixture.RunAsync(spec);

        Assert.Equal(2, status.Total);
        Assert.True(status.Succeeded == 2, ClusterFixture.Describe(status));
        Assert.Equal(status.Total, status.Queued + status.Running + status.Succeeded + status.Failed + status.Skipped);
        Assert.NotNull(status.StartedAt);
        Assert.True(status.AverageSecondsPerItem > 0);
        var silos = fixture.Cluster.Silos.Select(s => s.SiloAddress.ToParsableString()).Order().ToList();
        Assert.Equal(silos, status.Nodes.Select(n => n.NodeId).Order().ToList());
        Assert.All(status.Nodes, n => Assert.StartsWith("cpu", n.Device));
        // Two items, two nodes of capacity 1: each node runs one.
        Assert.Equal(silos, status.Items.Select(i => i.Node!).Order().ToList());
        foreach (var item in status.Items)
        {
            Assert.Equal(ItemState.Succeeded, item.State);
            Assert.Equal(5, item.TotalIterations);
            Assert.Equal(5, item.Iteration);
            Assert.True(item.FinishedAt >= item.StartedAt);
            Assert.Null(item.FailureReason);
            Assert.Contains(fixture.ContainerName, item.ResultLocation);

            var stored = await fixture.Store.GetAsync($"e2e/{item.ItemId}.png");
            Assert.NotNull(stored);
            Assert.Matches("^[0-9a-f]{64}$", stored.Metadata["params-hash"]);
            Assert.Equal("gatys", stored.Metadata["method"]);
            Assert.Contains("\"maxSize\":64", stored.Metadata["params"]);
            Assert.Contains(Path.GetFileName(items.Single(i => i.ItemId == item.ItemId).ContentPath), stored.Metadata["params"]);
            using var png = Image.Load(await fixture.Store.ReadAsync(stored.Name));
            Assert.Equal((64, 64), (png.Width, png.Height));
        }

        // Same spec again: idempotent. A different spec under the same id: refused.
        var job = fixture.Client.GetGrain<IJobGrain>("e2e-1");
        await job.StartAsync(spec);
        Assert.Equal(2, (await job.GetStatusAsync()).Succeeded);
        var changed = spec with { Options = spec.Options with { Shared = spec.Options.Shared with { Iterations = 6 } } };
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => job.StartAsync(changed));
        Assert.Contains("different spec", refused.Message);

        // A new job over the same items and prefix finds the results with the same parameters hash.
        var hashes = new List<string>();
        foreach (var item in items) hashes.Add((await fixture.Store.GetAsync($"e2e/{item.ItemId}.png"))!.Metadata["params-hash"]);
        var again = await fixture.RunAsync(spec with { JobId = "e2e-2" });
        Assert.Equal(2, again.Skipped);
        Assert.Equal(0, again.Succeeded + again.Failed);
        Assert.All(again.Items, i => Assert.Equal(status.Items.Single(s => s.ItemId == i.ItemId).ResultLocation, i.ResultLocation));
        var after = new List<string>();
        foreach (var item in items) after.Add((await fixture.Store.GetAsync($"e2e/{item.ItemId}.png"))!.Metadata["params-hash"]);
        Assert.Equal(hashes, after);
    }

    [Fact]
    public async Task Photo_method_without_masks_uses_automatic_groups_and_strotss_runs_with_point_guidance()
    {
        var images = fixture.Images;
        var style = images.Style("methods-stripes.png");
        var photo = new JobSpec("photo-auto", "methods", [Item("photo", images.Content("methods-photo.png", 4), style)],
            ClusterFixture.Fast(o => o with
            {
                Method = "photo",
                Shared = o.Shared with { Iterations = new SharedOptions().Iterations }, // photo counts its own stages
                Photo = new PhotoOptions { StyleIterations = 2, PhotoIterations = 2 },
            }));
        var strotss = new JobSpec("strotss-points", "methods",
            [Item("strotss", images.Content("methods-strotss.png", 5), style) with { GuidancePoints = [new GuidancePoint(0.2, 0.2, 0.8, 0.8)] }],
            ClusterFixture.Fast(o => o with
            {
                Method = "strotss", Shared = o.Shared with { Iterations = 2 }, Gatys = new(), Strotss = new StrotssOptions { Scales = 1, Samples = 128 },
            }));

        foreach (var (spec, method) in new[] { (photo, "photo"), (strotss, "strotss") })
        {
            var status = await fixture.RunAsync(spec);
            Assert.True(status.Succeeded == 1, ClusterFixture.Describe(status));
            var stored = await fixture.Store.GetAsync($"methods/{spec.Items[0].ItemId}.png");
            Assert.Equal(method, stored!.Metadata["method"]);
            Assert.Equal(MethodSpecMapping.ToEngine(spec.Options).TotalIterations(), status.Items[0].TotalIterations);
        }
        var strotssParams = (await fixture.Store.GetAsync("methods/strotss.png"))!.Metadata["params"];
        Assert.Contains("guidancePoints", strotssParams);
    }

    [Fact]
    public async Task Snapshots_are_committed_beside_the_output_when_asked_for()
    {
        var images = fixture.Images;
        var spec = new JobSpec("snapshots", "snap", [Item("shot", images.Content("snap.png", 3), images.Style("snap-stripes.png"))],
            ClusterFixture.Fast(o => o with { Shared = o.Shared with { Iterations = 4, SnapshotEvery = 2 } }));
        var status = await fixture.RunAsync(spec);
        Assert.True(status.Succeeded == 1, ClusterFixture.Describe(status));
        var final = await fixture.Store.GetAsync("snap/shot.png");
        foreach (var iteration in new[] { 2, 4 })
        {
            var snapshot = await fixture.Store.GetAsync($"snap/shot.iter-{iteration:D6}.png");
            Assert.NotNull(snapshot);
            Assert.Equal(iteration.ToString(), snapshot.Metadata["iteration"]);
            Assert.Equal(final!.Metadata["params-hash"], snapshot.Metadata["params-hash"]);
        }
        Assert.Null(await fixture.Store.GetAsync("snap/shot.iter-000003.png"));
    }

    [Fact]
    public async Task Corrupt_and_missing_inputs_fail_their_items_with_reasons_naming_the_file_and_the_rest_succeed()
    {
        var images = fixture.Images;
        var style = images.Style("bad-stripes.png");
        var corrupt = images.Corrupt("corrupt.png");
        var missing = images.Path("does-not-exist.png");
        var missingStyle = images.Path("no-such-style.png");
        var spec = new JobSpec("bad-inputs", "bad",
        [
            Item("good", images.Content("bad-good.png", 3), style),
            Item("corrupt", corrupt, style),
            Item("missing", missing, style),
            Item("missing-style", images.Content("bad-good-2.png", 4), missingStyle),
        ], ClusterFixture.FastOptions);

        var status = await fixture.RunAsync(spec);

        Assert.True((4, 1, 3, 0) == (status.Total, status.Succeeded, status.Failed, status.Skipped), ClusterFixture.Describe(status));
        ItemStatus Of(string id) => status.Items.Single(i => i.ItemId == id);
        Assert.Equal(ItemState.Succeeded, Of("good").State);
        Assert.NotNull(await fixture.Store.GetAsync("bad/good.png"));
        Assert.Contains(corrupt, Of("corrupt").FailureReason);
        Assert.Contains(missing, Of("missing").FailureReason);
        Assert.Contains("not found", Of("missing").FailureReason);
        Assert.Contains(missingStyle, Of("missing-style").FailureReason);
        foreach (var id in new[] { "corrupt", "missing", "missing-style" })
            Assert.Null(await fixture.Store.GetAsync($"bad/{id}.png"));
    }
}
