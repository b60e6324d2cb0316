namespace StyleTransfer.Contracts;

/// <summary>A slice of the directory and how many jobs it lists in all.</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.JobDirectoryPage")]
public sealed record JobDirectoryPage(IReadOnlyList<JobDirectoryEntry> Jobs, int Total);
