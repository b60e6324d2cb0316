using System.Text.Json;
using StyleTransfer.Silo;

namespace StyleTransfer.Cli.Tests;

/// <summary>submit, status, results, watch and cancel against a running silo (an embedded one, reached through its gateway).</summary>
public sealed class ClusterCommandsTests
{
    [Fact]
    public async Task Submit_returns_the_job_id_and_status_results_and_watch_follow_the_job_from_other_clients()
    {
        using var dir = new TempFolder();
        dir.Image("photos/a.png", 48, 48, seed: 0);
        dir.Image("photos/b.png", 48, 48, seed: 1);
        var style = dir.Image("styles/s.png", 48, 48, seed: 3);
        var manifest = dir.File("items.jsonl",
            $$"""
            {"content": "photos/a.png", "style": "styles/s.png", "output": "a.png"}
            {"content": "photos/b.png", "styles": [{"path": "styles/s.png", "weight": 1}]}
            this line is not json
            """);
        await using var silo = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions
        {
            ResultStore = store => store.Path = dir["results"],
            Node = node => node.Device = "cpu",
        });
        var cluster = new[] { "--cluster", $"127.0.0.1:{silo.Gateway.Port}" };

        var submit = await CliRun.RunAsync(["submit", "--manifest", manifest, "--out", "run", "--size", "48", "--iterations", "3",
            "--optimizer", "adam", "--job-id", "cli-1", .. cluster]);
        Assert.True(submit.ExitCode == 0, submit.ToString());
        Assert.Equal("cli-1", submit.Output.Trim().Split('\n')[^1].Trim());

        var watch = await CliRun.RunAsync(["watch", "cli-1", .. cluster]);
        Assert.True(watch.ExitCode == 2, watch.ToString()); // finished, with the bad manifest line failed
        Assert.Contains("3 items, 2 succeeded, 1 failed", watch.Output);

        var status = await CliRun.RunAsync(["status", "cli-1", "--json", .. cluster]);
        var json = JsonDocument.Parse(status.Output).RootElement;
        Assert.Equal(3, json.GetProperty("total").GetInt32());
        Assert.Equal(2, json.GetProperty("succeeded").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, json.GetProperty("finishedAt").ValueKind);

        var results = await CliRun.RunAsync(["results", "cli-1", .. cluster]);
        var rows = results.Output.Trim().Split('\n').Skip(1).Select(r => r.Split('\t')).ToList();
        Assert.Equal(["failed", "succeeded", "succeeded"], rows.Select(r => r[0]).Order());
        Assert.Contains(rows, r => r[1] == "run/a.png" && File.Exists(r[2]));
        Assert.Contains(rows, r => r[1] == "run/b__s.png" && File.Exists(r[2]));
        Assert.Contains(rows, r => r[1] == "run/line-3.invalid" && r[2].Contains("line 3"));

        var failedOnly = await CliRun.RunAsync(["results", "cli-1", "--json", "--state", "failed", .. cluster]);
        Assert.Single(failedOnly.Output.Trim().Split('\n'));
        Assert.Equal("failed", JsonDocument.Parse(failedOnly.Output).RootElement.GetProperty("state").GetString());

        var cancel = await CliRun.RunAsync(["cancel", "cli-1", .. cluster]);
        Assert.Contains("already finished", cancel.Output);
        var unknown = await CliRun.RunAsync(["status", "no-such-job", .. cluster]);
        Assert.True(unknown.ExitCode == 1 && unknown.Error.Contains("no-such-job: no such job"), unknown.ToString());
    }

    [Fact]
    public async Task Submit_needs_a_cluster_and_either_a_manifest_or_content()
    {
        var noCluster = await CliRun.RunAsync("submit", "--manifest", "m.jsonl", "--out", "x");
        Assert.True(noCluster.ExitCode == 1 && noCluster.Error.Contains("--cluster"), noCluster.ToString());
        var both = await CliRun.RunAsync("submit", "--manifest", "m.jsonl", "--content", "photos", "--style", "s.png", "--out", "x",
            "--cluster", "127.0.0.1:1");
        Assert.True(both.ExitCode == 1 && both.Error.Contains("--manifest"), both.ToString());
    }
}
