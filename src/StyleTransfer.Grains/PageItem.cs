using StyleTransfer.Contracts;

namespace StyleTransfer.Grains;

/// <summary>
/// One item of a job page; the members with an [Id] are durable. The stored state may lag behind the activation's
/// (it is written on a timer): a page activated again takes each item's dispatch in progress from the nodes.
/// </summary>
[GenerateSerializer, Alias("StyleTransfer.PageItem")]
public sealed class PageItem
{
    [Id(0)] public JobItemSpec Spec { get; init; } = null!;
    [Id(1)] public string OutputName { get; init; } = "";
    [Id(2)] public ItemState State { get; set; } = ItemState.Queued;
    [Id(3)] public int Attempts { get; set; }
    [Id(4)] public string? Node { get; set; }
    [Id(5)] public DateTimeOffset? StartedAt { get; set; }
    [Id(6)] public DateTimeOffset? FinishedAt { get; set; }
    [Id(7)] public string? ResultLocation { get; set; }
    [Id(8)] public string? FailureReason { get; set; }
    [Id(9)] public bool MasksChecked { get; set; }
    /// <summary>A transiently failed item waits until then before its next dispatch.</summary>
    [Id(10)] public DateTimeOffset? RetryAt { get; set; }

    [Id(11)] public int Iteration { get; set; }
    [Id(12)] public int TotalIterations { get; set; }
    [Id(13)] public Guid? DispatchId { get; private set; }

    public bool IsReady(DateTimeOffset now) => State == ItemState.Queued && (RetryAt is null || RetryAt <= now);

    public void Dispatched(Guid dispatchId, string node, int totalIterations, DateTimeOffset now)
    {
        TotalIterations = totalIterations;
        State = ItemState.Running;
        DispatchId = dispatchId;
        Node = node;
        StartedAt = now;
        Iteration = 0;
        RetryAt = null;
        Attempts++;
    }

    /// <summary>
    /// A page activated again found this item's dispatch <paramref name="dispatchId"/> still on <paramref name="node"/>:
    /// the item runs it. Unless the stored state already knew that dispatch, it is one more attempt.
    /// </summary>
    public void Resume(Guid dispatchId, string node, int totalIterations, DateTimeOffset now)
    {
        if (State == ItemState.Running && DispatchId == dispatchId) return;
        Dispatched(dispatchId, node, totalIterations, now);
    }

    public void Progress(int iteration, int totalIterations)
    {
        Iteration = iteration;
        TotalIterations = totalIterations;
    }

    /// <summary>Back to the queue: its node left, its page restarted, or a transient failure (then after a delay).</summary>
    /// <param name="reason">why the last attempt failed, shown while the item waits for the next.</param>
    public void Requeue(DateTimeOffset? retryAt = null, string? reason = null)
    {
        if (reason is not null) FailureReason = reason;
        State = ItemState.Queued;
        DispatchId = null;
        Iteration = 0;
        RetryAt = retryAt;
    }

    public void Finished(ItemOutcome outcome, DateTimeOffset now)
    {
        State = outcome.State;
        ResultLocation = outcome.ResultLocation;
        FailureReason = outcome.FailureReason;
        FinishedAt = now;
        DispatchId = null;
        RetryAt = null;
        if (State == ItemState.Succeeded && TotalIterations > 0) Iteration = TotalIterations;
    }

    public void Cancel(DateTimeOffset now) =>
        Finished(new ItemOutcome(Guid.Empty, ItemState.Cancelled, null, FailureReasons.Cancelled), now);

    public void Fail(string reason, DateTimeOffset now) => Finished(ItemOutcome.Failure(Guid.Empty, reason), now);

    public ItemStatus ToStatus() => new(Spec.ItemId, OutputName, State, Node, Iteration, TotalIterations,
        StartedAt, FinishedAt, ResultLocation, FailureReason, Attempts);
}
