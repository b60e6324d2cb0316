namespace StyleTransfer.Contracts;

/// <summary>
/// One dispatch of an item to a node. <see cref="DispatchId"/> is new for every attempt and keys the optimizer
/// grain, so late reports of an abandoned attempt can be told apart. <see cref="PageKey"/> is the job page that
/// owns the item (the optimizer reports there). <see cref="OutputName"/> is the full result name.
/// </summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.WorkItem")]
public sealed record WorkItem(Guid DispatchId, string JobId, string PageKey, JobItemSpec Item, string OutputName, MethodSpec Options)
{
    /// <summary>Replace an existing file at the output that the store did not write (see <see cref="JobSpec.Overwrite"/>).</summary>
    [Id(6)]
    public bool Overwrite { get; init; }
}
