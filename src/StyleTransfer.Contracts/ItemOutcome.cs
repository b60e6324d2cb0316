namespace StyleTransfer.Contracts;

/// <summary>How one dispatch ended (<see cref="ItemState.Succeeded"/>, <see cref="ItemState.Failed"/> or <see cref="ItemState.Skipped"/>).</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.ItemOutcome")]
public sealed record ItemOutcome(Guid DispatchId, ItemState State, string? ResultLocation, string? FailureReason)
{
    public static ItemOutcome Failure(Guid dispatchId, string reason) => new(dispatchId, ItemState.Failed, null, reason);
}
