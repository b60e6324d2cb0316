using StyleTransfer.Contracts;

namespace StyleTransfer.Grains;

/// <summary>The job grain's mutable state of one item.</summary>
public sealed class JobItemRecord(JobItemSpec spec, string outputName)
{
    public JobItemSpec Spec { get; } = spec;
    public string OutputName { get; } = outputName;
    public ItemState State { get; private set; } = ItemState.Queued;
    public Guid? DispatchId { get; private set; }
    public string? Node { get; private set; }
    public int Iteration { get; private set; }
    public int TotalIterations { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public string? ResultLocation { get; private set; }
    public string? FailureReason { get; private set; }
    public int Attempts { get; private set; }

    /// <summary>Masks were checked by the segmentation grain and are usable.</summary>
    public bool MasksChecked { get; set; }

    public void Dispatched(Guid dispatchId, string node, int totalIterations, DateTimeOffset now)
    {
        TotalIterations = totalIterations;
        State = ItemState.Running;
        DispatchId = dispatchId;
        Node = node;
        StartedAt = now;
        Iteration = 0;
        Attempts++;
    }

    public void Progress(int iteration, int totalIterations)
    {
        Iteration = iteration;
        TotalIterations = totalIterations;
    }

    /// <summary>Back to the queue after its node left the cluster.</summary>
    public void Requeue()
    {
        State = ItemState.Queued;
        DispatchId = null;
        Iteration = 0;
    }

    public void Finished(ItemOutcome outcome, DateTimeOffset now)
    {
        State = outcome.State;
        ResultLocation = outcome.ResultLocation;
        FailureReason = outcome.FailureReason;
        FinishedAt = now;
        DispatchId = null;
        if (State == ItemState.Succeeded && TotalIterations > 0) Iteration = TotalIterations;
    }

    public void Fail(string reason, DateTimeOffset now) => Finished(ItemOutcome.Failure(Guid.Empty, reason), now);

    public ItemStatus ToStatus() => new(Spec.ItemId, OutputName, State, Node, Iteration, TotalIterations,
        StartedAt, FinishedAt, ResultLocation, FailureReason, Attempts);
}
