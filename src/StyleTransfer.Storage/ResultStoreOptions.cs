namespace StyleTransfer.Storage;

/// <summary>Which result store to use and where it writes. Bound from configuration (e.g. section "ResultStore").</summary>
public sealed class ResultStoreOptions
{
    public const string LocalKind = "local";
    public const string AzureKind = "azure";

    /// <summary>"local" (default: a folder on this machine) or "azure" (a blob container).</summary>
    public string Kind { get; set; } = LocalKind;

    /// <summary>Root folder for Kind "local".</summary>
    public string? Path { get; set; }

    /// <summary>Storage connection string for Kind "azure" ("UseDevelopmentStorage=true" for Azurite).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Blob container name for Kind "azure"; created if missing.</summary>
    public string? Container { get; set; }
}
