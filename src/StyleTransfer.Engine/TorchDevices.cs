using TorchSharp;
using static TorchSharp.torch;

namespace StyleTransfer.Engine;

/// <summary>Chooses the device the engine runs on: CUDA when present (and not disabled), else CPU.</summary>
public static class TorchDevices
{
    /// <param name="preference">"auto" (default), "cpu", "cuda" or "cuda:N".</param>
    public static Device Select(string? preference = "auto")
    {
        NativeTorchSettings.Apply();
        var p = string.IsNullOrWhiteSpace(preference) ? "auto" : preference.Trim().ToLowerInvariant();
        if (p == "auto") return cuda.is_available() ? CUDA : CPU;
        if (p != "cpu" && !p.StartsWith("cuda", StringComparison.Ordinal))
            throw new ArgumentException($"device '{preference}' is unknown; expected auto, cpu, cuda or cuda:N");
        if (p.StartsWith("cuda") && !cuda.is_available())
            throw new InvalidOperationException($"device '{preference}' requested but CUDA is not available (is this a CPU build of TorchSharp?)");
        var device = new Device(p);
        if (device.type == DeviceType.CUDA && device.index >= cuda.device_count())
            throw new InvalidOperationException($"device '{preference}' requested but this machine has {cuda.device_count()} CUDA device(s) (cuda:0..cuda:{cuda.device_count() - 1})");
        return device;
    }

    /// <param name="cpuThreads">the thread limit the work runs with; null = torch's default on this thread.</param>
    public static string Describe(Device device, int? cpuThreads = null) => device.type == DeviceType.CUDA
        ? $"cuda:{Math.Max(device.index, 0)} ({cuda.device_count()} CUDA device(s))"
        : $"cpu ({cpuThreads ?? torch.get_num_threads()} threads)";
}
