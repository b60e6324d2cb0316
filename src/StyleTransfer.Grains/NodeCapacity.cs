using System.Diagnostics;
using TorchSharp;

namespace StyleTransfer.Grains;

/// <summary>
/// How many optimizations a node runs at once. CPU: 1 (one optimization already uses every core). CUDA: the free
/// device memory measured when the node starts (nvidia-smi), times <see cref="GpuNodeOptions.MemoryFraction"/>,
/// divided by a rough per-optimization need of 1 GiB (backbone, workspace) + 4 KiB per output pixel; between 1 and 16.
/// An explicit <see cref="GpuNodeOptions.Capacity"/> wins.
/// </summary>
public static class NodeCapacity
{
    const long BaseBytes = 1L << 30;
    const long BytesPerPixel = 4096;

    public static long EstimatedBytes(int maxSize) => BaseBytes + BytesPerPixel * (long)maxSize * maxSize;

    public static int For(GpuNodeOptions options, torch.Device device, long? freeBytes, int maxSize)
    {
        if (options.Capacity is int fixedCapacity) return Math.Max(1, fixedCapacity);
        if (device.type != DeviceType.CUDA || freeBytes is not long free) return 1;
        return (int)Math.Clamp(free * options.MemoryFraction / EstimatedBytes(maxSize), 1, 16);
    }

    /// <summary>Free memory of a CUDA device from nvidia-smi, or null when it cannot be asked.</summary>
    public static long? FreeCudaBytes(torch.Device device)
    {
        if (device.type != DeviceType.CUDA) return null;
        try
        {
            var psi = new ProcessStartInfo("nvidia-smi",
                $"--query-gpu=memory.free --format=csv,noheader,nounits -i {Math.Max(device.index, 0)}")
            { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(psi);
            if (process is null) return null;
            var text = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(5000) || process.ExitCode != 0) return null;
            return long.TryParse(text.Trim(), out var mib) ? mib * 1024 * 1024 : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }
}
