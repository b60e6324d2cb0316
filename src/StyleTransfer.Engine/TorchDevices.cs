using TorchSharp;
using static TorchSharp.torch;

namespace StyleTransfer.Engine;

/// <summary>Chooses the device the engine runs on: CUDA when present (and not disabled), else CPU.</summary>
public static class TorchDevices
{
    /// <param name="preference">"auto" (default), "cpu", "cuda" or "cuda:N".</param>
    public static Device Select(string? preference = "auto")
    {
        var p = string.IsNullOrWhiteSpace(preference) ? "auto" : preference.Trim().ToLowerInvariant();
        if (p == "auto") return cuda.is_available() ? CUDA : CPU;
        if (p.StartsWith("cuda") && !cuda.is_available())
            throw new InvalidOperationException($"device '{preference}' requested but CUDA is not available (is this a CPU build of TorchSharp?)");
        return new Device(p);
    }

    /// <param name="cpuThreads">the thread limit the work runs with; null = torch's default on this thread.</param>
    public static string Describe(Device device, int? cpuThreads = null) => device.type == DeviceType.CUDA
        ? $"cuda:{Math.Max(device.index, 0)} ({cuda.device_count()} CUDA device(s))"
        : $"cpu ({cpuThreads ?? torch.get_num_threads()} threads)";
}
