namespace StyleTransfer.Contracts;

/// <summary>A job listed by <see cref="IJobDirectoryGrain"/>.</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.JobDirectoryEntry")]
public sealed record JobDirectoryEntry(string JobId, DateTimeOffset StartedAt);
