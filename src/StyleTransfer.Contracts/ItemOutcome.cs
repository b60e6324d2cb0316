namespace StyleTransfer.Contracts;

/// <summary>
/// How one dispatch ended (<see cref="ItemState.Succeeded"/>, <see cref="ItemState.Failed"/> or
/// <see cref="ItemState.Skipped"/>). <see cref="Transient"/>: the failure came from something outside the item
/// (storage unreachable, node shutting down); the item is retried with backoff instead of failing for good.
/// <see cref="ItemId"/> lets a page take the outcome of a dispatch it no longer knows (one of an earlier activation).
/// </summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.ItemOutcome")]
public sealed record ItemOutcome(Guid DispatchId, ItemState State, string? ResultLocation, string? FailureReason, bool Transient = false,
    string? ItemId = null)
{
    public static ItemOutcome Failure(Guid dispatchId, string reason, bool transient = false) =>
        new(dispatchId, ItemState.Failed, null, reason, transient);
}
