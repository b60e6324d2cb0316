namespace StyleTransfer.Grains;

/// <summary>
/// Configuration of a silo's compute node (section "GpuNode").
/// <see cref="Capacity"/>: concurrent optimizations; null = estimate (see <see cref="NodeCapacity"/>).
/// </summary>
public sealed class GpuNodeOptions
{
    public const string SectionName = "GpuNode";

    /// <summary>Concurrent optimizations on this node; null = 1 on CPU, on CUDA estimated from free memory and image size.</summary>
    public int? Capacity { get; set; }

    /// <summary>Torch device of this node: "auto" (CUDA if present), "cpu", "cuda", "cuda:N". Overrides the job's device option.</summary>
    public string Device { get; set; } = "auto";

    /// <summary>Share of the free GPU memory (at node start) that optimizations may plan to use.</summary>
    public double MemoryFraction { get; set; } = 0.8;

    /// <summary>Threads of torch's CPU kernels in this process (null = torch's default, one per core).</summary>
    public int? TorchThreads { get; set; }

    /// <summary>
    /// Folder where a finished image waits when its commit failed (disk full, store read-only), so the next attempt
    /// commits it instead of computing it again. Default: "styletransfer-pending" in the system's temp folder.
    /// </summary>
    public string PendingResultsPath { get; set; } = Path.Combine(Path.GetTempPath(), "styletransfer-pending");

    /// <summary>Seconds between progress reports of a running optimization.</summary>
    public double ProgressIntervalSeconds { get; set; } = 1.0;
}
