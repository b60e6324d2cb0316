using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using StyleTransfer.Contracts;
using StyleTransfer.Engine;
using StyleTransfer.Engine.Methods.FeedForward;
using StyleTransfer.Storage;

namespace StyleTransfer.Grains.Training;

/// <summary>
/// Runs one training attempt on the silo of the node that accepted it. The model is trained on the node's device on
/// a dedicated thread; checkpoints are committed to the result store as they come, and an attempt starts from the
/// stored checkpoint of the same spec when there is one. At the end the model and its loss curve are committed and
/// the outcome goes to the node (its slot) and the job.
/// </summary>
[PreferLocalPlacement]
public sealed class TrainerGrain(
    ModelTrainer trainer, IResultStore store, IGrainFactory grains, IOptions<GpuNodeOptions> nodeOptions, ILogger<TrainerGrain> logger)
    : Grain, ITrainerGrain
{
    readonly CancellationTokenSource _cancellation = new();
    bool _cancelRequested;
    TrainingWork? _work;
    IGrainTimer? _progressTimer;
    volatile TrainingReport? _latest;
    TrainingReport? _reported;

    public Task StartAsync(TrainingWork work, string nodeId)
    {
        if (_work is not null) return Task.CompletedTask;
        _work = work;
        var interval = TimeSpan.FromSeconds(Math.Max(0.1, nodeOptions.Value.ProgressIntervalSeconds));
        _progressTimer = this.RegisterGrainTimer(ForwardProgressAsync,
            new GrainTimerCreationOptions(interval, interval) { KeepAlive = true, Interleave = true });
        _ = RunAsync(work, nodeId);
        return Task.CompletedTask;
    }

    public Task CancelAsync()
    {
        _cancelRequested = true;
        _cancellation.Cancel();
        return Task.CompletedTask;
    }

    async Task RunAsync(TrainingWork work, string nodeId)
    {
        TrainingOutcome outcome;
        try
        {
            outcome = await Task.Run(() => TrainAsync(work, _cancellation.Token));
        }
        catch (OperationCanceledException)
        {
            outcome = _cancelRequested
                ? new TrainingOutcome(work.DispatchId, TrainingState.Cancelled, null, null, "cancelled")
                : new TrainingOutcome(work.DispatchId, TrainingState.Failed, null, null, "interrupted: its node shut down", Transient: true);
        }
        catch (Exception e)
        {
            bool permanent = e is ArgumentException or InvalidInputException or InvalidOperationException;
            outcome = new TrainingOutcome(work.DispatchId, TrainingState.Failed, null, null, FailureReasons.Describe(e), Transient: !permanent);
        }
        _progressTimer?.Dispose();
        logger.LogInformation("Training job {Job} on {Node}: {State} {Detail}", work.Spec.JobId, nodeId, outcome.State,
            outcome.FailureReason ?? outcome.ModelLocation);
        // Off this activation, which may be gone by now (see OptimizerGrain).
        await Task.Run(() => FinishAsync(work, nodeId, outcome));
        DeactivateOnIdle();
    }

    async Task FinishAsync(TrainingWork work, string nodeId, TrainingOutcome outcome)
    {
        try
        {
            await ForwardProgressAsync();
            await grains.GetGrain<IGpuNodeGrain>(nodeId).ReleaseAsync(work.DispatchId, null);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not release training {Dispatch} on node {Node}", work.DispatchId, nodeId);
        }
        await OutcomeReports.DeliverAsync(() => grains.GetGrain<ITrainingJobGrain>(work.Spec.JobId).ReportFinishedAsync(outcome), logger,
            $"training job {work.Spec.JobId}");
    }

    async Task<TrainingOutcome> TrainAsync(TrainingWork work, CancellationToken cancellationToken)
    {
        var spec = work.Spec;
        var request = TrainingSpecMapping.ToRequest(spec);
        var specHash = TrainingJobGrain.SpecHash(spec);
        var existing = await store.GetAsync(spec.ModelName, cancellationToken);
        if (existing is not null)
        {
            if (existing.Metadata.TryGetValue(TrainingMetadata.SpecHash, out var hash) && hash == specHash)
            {
                var curve = await store.GetAsync(spec.LossCurveName, cancellationToken);
                return new TrainingOutcome(work.DispatchId, TrainingState.Succeeded, existing.Location, curve?.Location, null);
            }
            if (!existing.Metadata.ContainsKey(TrainingMetadata.SpecHash))
                throw new InvalidInputException(existing.Location, "already exists and was not written by a styletransfer training; move it away or choose another --out");
        }
        var resume = await LastCheckpointAsync(spec, specHash, cancellationToken);
        var skipped = new List<string>();
        int resumedFrom = resume?.Step ?? 0;
        var progress = new SyncProgress<TrainingProgress>(p => _latest = new TrainingReport(p.Step, p.TotalSteps, p.Loss, p.ImagesPerSecond, resumedFrom, skipped.Take(10).ToList()));
        var device = TorchDevices.Select(nodeOptions.Value.Device);
        var metadata = new Dictionary<string, string>
        {
            [TrainingMetadata.SpecHash] = specHash,
            [TrainingMetadata.JobId] = spec.JobId,
            [TrainingMetadata.Kind] = spec.Kind.ToString().ToLowerInvariant(),
            [TrainingMetadata.Device] = TorchDevices.Describe(device, nodeOptions.Value.TorchThreads),
        };
        void Checkpoint(TrainingCheckpoint checkpoint)
        {
            using var memory = new MemoryStream();
            checkpoint.Save(memory);
            // On the training thread: waiting here blocks no grain, and the next steps wait for a durable checkpoint.
            store.CommitAsync(spec.CheckpointName, memory.ToArray(),
                new Dictionary<string, string>(metadata) { [TrainingMetadata.Steps] = checkpoint.Step.ToString(CultureInfo.InvariantCulture) },
                cancellationToken).GetAwaiter().GetResult();
        }
        var clock = Stopwatch.StartNew();
        var trained = await EngineThreads.Run(
            () => trainer.Train(request, device, progress, Checkpoint, resume, (path, reason) => skipped.Add($"{path}: {reason}"), cancellationToken),
            cancellationToken);
        metadata[TrainingMetadata.Steps] = trained.Header.Steps.ToString(CultureInfo.InvariantCulture);
        metadata[TrainingMetadata.FinalLoss] = trained.Losses.Count > 0 ? trained.Losses[^1].ToString("R", CultureInfo.InvariantCulture) : "";
        metadata[TrainingMetadata.ElapsedSeconds] = clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);
        var title = $"{spec.Kind.ToString().ToLowerInvariant()} {Path.GetFileName(spec.ModelName)}: {trained.Losses.Count} steps";
        var curveStored = await store.CommitAsync(spec.LossCurveName, LossCurvePlot.Render(trained.Losses, title), metadata, cancellationToken);
        var modelStored = await store.CommitAsync(spec.ModelName, trained.File, metadata, cancellationToken);
        return new TrainingOutcome(work.DispatchId, TrainingState.Succeeded, modelStored.Location, curveStored.Location, null);
    }

    /// <summary>The stored checkpoint of this same spec, or null; one of another spec under this name is refused, not discarded.</summary>
    async Task<TrainingCheckpoint?> LastCheckpointAsync(TrainingSpec spec, string specHash, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(spec.CheckpointName, cancellationToken);
        if (stored is null) return null;
        if (!stored.Metadata.TryGetValue(TrainingMetadata.SpecHash, out var hash) || hash != specHash)
            throw new InvalidInputException(stored.Location,
                "is the checkpoint of another training (other options or inputs); move it away or choose another --out to start afresh");
        var bytes = await store.ReadAsync(spec.CheckpointName, cancellationToken);
        using var memory = new MemoryStream(bytes, writable: false);
        return TrainingCheckpoint.Load(memory, stored.Location);
    }

    Task ForwardProgressAsync()
    {
        var latest = _latest;
        if (_work is null || latest is null || ReferenceEquals(latest, _reported)) return Task.CompletedTask;
        _reported = latest;
        return grains.GetGrain<ITrainingJobGrain>(_work.Spec.JobId).ReportProgressAsync(_work.DispatchId, latest);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _cancellation.Cancel();
        _cancellation.Dispose();
        return Task.CompletedTask;
    }
}
