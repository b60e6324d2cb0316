using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StyleTransfer.Contracts;

namespace StyleTransfer.Grains.Training;

/// <summary>
/// Orchestrates one training job with durable state: a timer dispatches the work to an idle node (CUDA nodes first),
/// notices when that node leaves the cluster, and re-dispatches after transient failures with backoff, up to
/// <see cref="JobOptions.MaxAttempts"/>; every attempt resumes from the last checkpoint in the result store. A
/// reminder reactivates the job (on any silo) after its silo died.
/// </summary>
public sealed class TrainingJobGrain(
    [PersistentState("training", StorageNames.Jobs)] IPersistentState<TrainingJobState> state,
    IOptions<JobOptions> jobOptions,
    ILogger<TrainingJobGrain> logger) : Grain, ITrainingJobGrain, IRemindable
{
    const string ReminderName = "redrive";
    readonly JobOptions _options = jobOptions.Value;
    IGrainTimer? _timer;
    bool _dirty;

    TrainingJobState S => state.State;

    string JobId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Spec is not null && S.FinishedAt is null) StartTimer();
        return Task.CompletedTask;
    }

    public async Task StartAsync(TrainingSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.JobId != JobId) throw new ArgumentException($"spec is for training job '{spec.JobId}' but was sent to '{JobId}'");
        var hash = SpecHash(spec);
        if (S.Spec is not null)
        {
            if (hash == S.SpecHash) return;
            throw new InvalidOperationException($"training job '{JobId}' was already started with a different spec; use a new job id");
        }
        TrainingSpecMapping.ToRequest(spec); // refuses a bad spec before anything is stored
        S.Spec = spec;
        S.SpecHash = hash;
        S.State = TrainingState.Queued;
        S.StartedAt = DateTimeOffset.UtcNow;
        await state.WriteStateAsync();
        logger.LogInformation("Training job {Job} started: {Kind} model {Model}", JobId, spec.Kind, spec.ModelName);
        await this.RegisterOrUpdateReminder(ReminderName, _options.ReminderPeriod, _options.ReminderPeriod);
        StartTimer();
        await TickAsync();
    }

    /// <summary>SHA-256 of the spec without its job id: what the model and its checkpoints are recorded with.</summary>
    public static string SpecHash(TrainingSpec spec) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(spec with { JobId = "" }))));

    public Task<TrainingStatus> GetStatusAsync()
    {
        if (S.Spec is null) throw new KeyNotFoundException($"training job '{JobId}' does not exist");
        var latest = S.Latest;
        return Task.FromResult(new TrainingStatus(JobId, S.State, latest?.Step ?? 0, latest?.Steps ?? 0, latest?.Loss, latest?.ImagesPerSecond,
            S.Node, S.Attempts, S.FailureReason, S.ModelLocation, S.LossCurveLocation)
        {
            ResumedFromStep = latest?.ResumedFromStep ?? 0,
            SkippedImages = latest?.SkippedImages ?? [],
        });
    }

    /// <summary>A queued job ends at once; a running one once its trainer has stopped (a training step is not interrupted).</summary>
    public async Task CancelAsync()
    {
        if (S.Spec is null || S.FinishedAt is not null) return;
        if (S.State == TrainingState.Running && S.DispatchId is Guid dispatch)
        {
            S.CancelRequested = true;
            await state.WriteStateWithRecoveryAsync();
            try
            {
                await GrainFactory.GetGrain<ITrainerGrain>(dispatch).CancelAsync();
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning("Could not cancel training {Job} on {Node}: {Error}", JobId, S.Node, e.Message);
            }
        }
        await FinishAsync(TrainingState.Cancelled, "cancelled");
    }

    public Task ReportProgressAsync(Guid dispatchId, TrainingReport report)
    {
        if (dispatchId != S.DispatchId || S.State != TrainingState.Running) return Task.CompletedTask;
        S.Latest = report;
        _dirty = true;
        return Task.CompletedTask;
    }

    public async Task ReportFinishedAsync(TrainingOutcome outcome)
    {
        if (outcome.DispatchId != S.DispatchId || S.State != TrainingState.Running) return;
        S.DispatchId = null;
        if (S.CancelRequested && outcome.State != TrainingState.Succeeded)
        {
            await FinishAsync(TrainingState.Cancelled, "cancelled");
            return;
        }
        switch (outcome.State)
        {
            case TrainingState.Succeeded:
                S.ModelLocation = outcome.ModelLocation;
                S.LossCurveLocation = outcome.LossCurveLocation;
                await FinishAsync(TrainingState.Succeeded, null);
                return;
            case TrainingState.Cancelled:
                await FinishAsync(TrainingState.Cancelled, outcome.FailureReason);
                return;
        }
        if (outcome.Transient && S.Attempts < _options.MaxAttempts)
        {
            logger.LogWarning("Training job {Job} attempt {Attempt} failed, will retry: {Reason}", JobId, S.Attempts, outcome.FailureReason);
            S.State = TrainingState.Queued;
            S.FailureReason = outcome.FailureReason;
            S.NotBefore = DateTimeOffset.UtcNow + _options.RetryDelay(S.Attempts);
            await state.WriteStateWithRecoveryAsync();
            return;
        }
        var gaveUp = outcome.Transient ? $" (gave up after {S.Attempts} attempts)" : "";
        await FinishAsync(TrainingState.Failed, outcome.FailureReason + gaveUp);
    }

    async Task FinishAsync(TrainingState final, string? reason)
    {
        S.State = final;
        S.FailureReason = reason;
        S.FinishedAt = DateTimeOffset.UtcNow;
        await state.WriteStateWithRecoveryAsync();
        _timer?.Dispose();
        _timer = null;
        logger.LogInformation("Training job {Job}: {State} {Detail}", JobId, final, reason ?? S.ModelLocation);
        try
        {
            if (await this.GetReminder(ReminderName) is { } reminder) await this.UnregisterReminder(reminder);
        }
        catch (Exception e)
        {
            logger.LogWarning("Could not remove the reminder of training job {Job}: {Error}", JobId, e.Message);
        }
    }

    void StartTimer() => _timer ??= this.RegisterGrainTimer(TickAsync,
        new GrainTimerCreationOptions(_options.JobTick, _options.JobTick) { KeepAlive = true });

    async Task TickAsync()
    {
        if (S.Spec is null || S.FinishedAt is not null) return;
        var nodes = await GrainFactory.GetGrain<INodeDirectoryGrain>(0).GetNodesAsync();
        if (S.State == TrainingState.Running && !nodes.Any(n => n.NodeId == S.Node))
        {
            var reason = $"node {S.Node} left the cluster during attempt {S.Attempts}";
            S.DispatchId = null;
            if (S.CancelRequested)
            {
                await FinishAsync(TrainingState.Cancelled, "cancelled");
                return;
            }
            if (S.Attempts >= _options.MaxAttempts)
            {
                await FinishAsync(TrainingState.Failed, $"{reason} of {_options.MaxAttempts}");
                return;
            }
            logger.LogWarning("Training job {Job}: {Reason}; dispatching again", JobId, reason);
            S.State = TrainingState.Queued;
            S.FailureReason = reason;
            _dirty = true;
        }
        if (S.State == TrainingState.Queued && DateTimeOffset.UtcNow >= S.NotBefore) await DispatchAsync(nodes);
        if (_dirty)
        {
            _dirty = false;
            try { await state.WriteStateWithRecoveryAsync(); }
            catch (Exception e)
            {
                _dirty = true;
                logger.LogWarning("Writing training job {Job} failed, will retry: {Error}", JobId, e.Message);
            }
        }
    }

    /// <summary>Offers the work to idle nodes, CUDA first; the first that accepts runs it.</summary>
    async Task DispatchAsync(IReadOnlyList<NodeInfo> nodes)
    {
        var candidates = nodes.Where(n => n.InFlight == 0)
            .OrderByDescending(n => n.Device.StartsWith("cuda", StringComparison.OrdinalIgnoreCase))
            .ThenBy(n => n.NodeId, StringComparer.Ordinal);
        foreach (var node in candidates)
        {
            var work = new TrainingWork(Guid.NewGuid(), S.Spec!);
            try
            {
                if (!await GrainFactory.GetGrain<IGpuNodeGrain>(node.NodeId).TryAcceptTrainingAsync(work)) continue;
            }
            catch (Exception e)
            {
                logger.LogWarning("Node {Node} could not start training job {Job}: {Error}", node.NodeId, JobId, e.Message);
                continue;
            }
            S.Attempts++;
            S.State = TrainingState.Running;
            S.DispatchId = work.DispatchId;
            S.Node = node.NodeId;
            await state.WriteStateWithRecoveryAsync();
            logger.LogInformation("Training job {Job} attempt {Attempt} on {Node}", JobId, S.Attempts, node.NodeId);
            return;
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (S.Spec is not null && S.FinishedAt is null) StartTimer();
        return Task.CompletedTask;
    }
}
