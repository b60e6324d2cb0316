namespace StyleTransfer.Contracts;

/// <summary>
/// A dispatch a node still holds for a page: running (<see cref="Outcome"/> null), or ended with the outcome the page
/// has not acknowledged yet. A page takes such an outcome from the node when the optimizer's own report did not reach it.
/// </summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.NodeDispatch")]
public sealed record NodeDispatch(WorkItem Work, ItemOutcome? Outcome);
