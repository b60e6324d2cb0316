using StyleTransfer.Contracts;

namespace StyleTransfer.Grains;

/// <summary>The durable state of the job directory: entries oldest first.</summary>
[GenerateSerializer, Alias("StyleTransfer.JobDirectoryState")]
public sealed class JobDirectoryState
{
    [Id(0)] public List<JobDirectoryEntry> Entries { get; set; } = [];
}
