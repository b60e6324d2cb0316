namespace StyleTransfer.Grains;

/// <summary>Names of the grain storage providers the grains use (registered by the silo setup).</summary>
public static class StorageNames
{
    /// <summary>Durable job and job-page state.</summary>
    public const string Jobs = "jobs";
}
