using Azure.Storage.Blobs;
using StyleTransfer.Contracts;
using StyleTransfer.Engine.Methods.FeedForward;

namespace StyleTransfer.Cluster.Tests;

/// <summary>A training job on a cluster of real silo processes whose silo is killed mid-training.</summary>
[Collection(nameof(LoopbackClusterCollection))]
public sealed class TrainingFaultTests
{
    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_training_whose_silo_is_killed_resumes_from_its_checkpoint_on_the_other_silo_to_the_model_of_an_uninterrupted_run()
    {
        await using var cluster = await LoopbackCluster.StartAsync(silos: 2);
        var client = await cluster.ConnectAsync();
        var content = Directory.CreateDirectory(cluster.Images.Path("train")).FullName;
        for (int i = 0; i < 3; i++) cluster.Images.Content($"train/img{i}.png", i, 48, 40);
        var style = cluster.Images.Style("style.png", 40, 40);
        var settings = new TrainingSettings
        {
            Steps = 60, BatchSize = 2, CropSize = 32, StyleSize = 32, Network = "small", CheckpointEvery = 4, Seed = 3,
        };
        TrainingSpec Spec(string id) => new(id, TrainingKind.Fast, content, style, null, $"{id}/s.model", settings);

        var whole = Spec("whole");
        await client.GetGrain<ITrainingJobGrain>(whole.JobId).StartAsync(whole);
        var uninterrupted = await WaitAsync(client, whole.JobId, s => s.IsFinished);
        Assert.True(uninterrupted.State == TrainingState.Succeeded, $"{uninterrupted}\n{cluster.Logs()}");

        var cut = Spec("cut");
        await client.GetGrain<ITrainingJobGrain>(cut.JobId).StartAsync(cut);
        var running = await WaitAsync(client, cut.JobId, s => s.IsFinished || s.Step >= 10);
        Assert.False(running.IsFinished, "the training finished before its silo could be killed");
        var victim = cluster.Silos.Single(s => s.IsNode(running.Node));
        await victim.KillAsync();
        var status = await WaitAsync(client, cut.JobId, s => s.IsFinished);

        Assert.True(status.State == TrainingState.Succeeded, $"{status}\n{cluster.Logs()}");
        Assert.False(victim.IsNode(status.Node), $"finished on the killed silo's node {status.Node}");
        Assert.True(status.Attempts >= 2, $"attempts: {status.Attempts}");
        // From the last stored checkpoint, not from scratch, and to the very weights of the uninterrupted run.
        Assert.InRange(status.ResumedFromStep, 4, 59);
        Assert.Equal(await WeightsHashAsync(cluster, whole.ModelName), await WeightsHashAsync(cluster, cut.ModelName));
    }

    static async Task<string> WeightsHashAsync(LoopbackCluster cluster, string name)
    {
        var blob = new BlobContainerClient(cluster.Storage.ConnectionString, "results").GetBlobClient(name);
        using var stream = new MemoryStream((await blob.DownloadContentAsync()).Value.Content.ToArray());
        return ModelFile.Read(stream, name).Header.WeightsSha256;
    }

    /// <summary>Polls the training's status until <paramref name="condition"/> holds, tolerating failed calls while the cluster heals.</summary>
    static async Task<TrainingStatus> WaitAsync(IClusterClient client, string jobId, Func<TrainingStatus, bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        TrainingStatus? last = null;
        Exception? lastError = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await client.GetGrain<ITrainingJobGrain>(jobId).GetStatusAsync();
                if (condition(last)) return last;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                lastError = e;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"training {jobId}: condition not met in {Timeout}; last status {last}; last error {lastError?.Message}");
    }
}
