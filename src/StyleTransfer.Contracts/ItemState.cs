namespace StyleTransfer.Contracts;

[GenerateSerializer, Alias("StyleTransfer.ItemState")]
public enum ItemState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    /// <summary>A result with the same name and parameters hash already existed; nothing was recomputed.</summary>
    Skipped,
    /// <summary>The job was cancelled before the item finished.</summary>
    Cancelled,
}

public static class ItemStateExtensions
{
    public static bool IsFinal(this ItemState state) => state is ItemState.Succeeded or ItemState.Failed or ItemState.Skipped or ItemState.Cancelled;
}
