using StyleTransfer.Contracts;

namespace StyleTransfer.Grains;

/// <summary>The durable state of a job page.</summary>
[GenerateSerializer, Alias("StyleTransfer.JobPageState")]
public sealed class JobPageState
{
    [Id(0)] public string JobId { get; set; } = "";
    [Id(1)] public int Page { get; set; }
    [Id(2)] public MethodSpec? Options { get; set; }
    [Id(3)] public List<PageItem> Items { get; set; } = [];
    [Id(4)] public bool Overwrite { get; set; }
}
