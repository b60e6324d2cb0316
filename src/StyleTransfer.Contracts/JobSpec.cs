namespace StyleTransfer.Contracts;

/// <summary>
/// A batch of items stylized with the same method options. Results are committed as
/// "<see cref="OutputPrefix"/>/<see cref="JobItemSpec.OutputName"/>" in the cluster's result store.
/// Items come inline (<see cref="Items"/>) or, for large jobs, from a manifest file that every silo can read
/// (<see cref="ManifestPath"/>, JSON lines, see <c>JobManifest</c>), read page by page while the job runs.
/// <see cref="Options"/> is checked against its method on the node side before the job is accepted.
/// </summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.JobSpec")]
public sealed record JobSpec(string JobId, string OutputPrefix, IReadOnlyList<JobItemSpec> Items, MethodSpec Options)
{
    /// <summary>A JSON-lines manifest of the items (instead of inline <see cref="Items"/>).</summary>
    [Id(4)]
    public string? ManifestPath { get; init; }

    /// <summary>
    /// Replace existing files at output names that the store did not write (files without a parameters hash, e.g.
    /// placed by hand). Without it such an item fails; either way an item's own input files are never replaced.
    /// </summary>
    [Id(5)]
    public bool Overwrite { get; init; }

    /// <summary>The result store name of an item's output.</summary>
    public string OutputNameOf(JobItemSpec item) => OutputNameOf(item.OutputName);

    /// <summary>The result store name of an output name under this job's prefix.</summary>
    public string OutputNameOf(string outputName)
    {
        var prefix = OutputPrefix.Trim('/');
        return prefix.Length == 0 ? outputName : $"{prefix}/{outputName}";
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first problem of the spec's ids and names (the method
    /// settings are the node's to check: JobGrain runs them through the engine's method).</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(JobId)) throw new ArgumentException("job id is empty");
        if (JobId.Contains('/')) throw new ArgumentException($"job id '{JobId}' must not contain '/'");
        if (ManifestPath is not null)
        {
            if (Items is { Count: > 0 }) throw new ArgumentException($"job '{JobId}' has both inline items and a manifest; give one");
            if (string.IsNullOrWhiteSpace(ManifestPath)) throw new ArgumentException($"job '{JobId}' has an empty manifest path");
            return;
        }
        if (Items is null || Items.Count == 0) throw new ArgumentException($"job '{JobId}' has no items");
        var ids = new HashSet<string>();
        var names = new HashSet<string>();
        foreach (var item in Items)
        {
            if (!ids.Add(item.ItemId)) throw new ArgumentException($"job '{JobId}' has two items with id '{item.ItemId}'");
            if (!names.Add(item.OutputName)) throw new ArgumentException($"items of job '{JobId}' share the output name '{item.OutputName}'");
            if (item.Problem() is string problem) throw new ArgumentException(problem);
        }
    }
}
