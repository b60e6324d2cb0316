using System.Runtime.InteropServices;

namespace StyleTransfer.Engine;

/// <summary>
/// Process-wide libtorch settings applied once before the engine's first operation. NNPACK is disabled: on CPUs it
/// does not support, libtorch tries it on every convolution and logs "Could not initialize NNPACK! Reason:
/// Unsupported hardware." each time (about ninety lines per run), and where it is supported oneDNN serves the same
/// convolutions. TorchSharp 0.107 has no binding for torch.backends.nnpack, so this calls libtorch's
/// <c>at::globalContext().setUserEnabledNNPACK(false)</c> through its exported (Itanium-mangled) symbols; where they
/// are not found (another platform or libtorch), nothing changes.
/// libtorch's warning-level log is also raised to errors, unless the user set TORCH_CPP_LOG_LEVEL: its warnings
/// (e.g. "Optimizer::parameters() will be removed in PyTorch 1.6", printed by TorchSharp's own optimizer binding on
/// every item) say nothing a user can act on. Errors still reach us as exceptions. .NET's
/// Environment.SetEnvironmentVariable does not reach native getenv, so the flag the variable sets is written directly.
/// </summary>
public static class NativeTorchSettings
{
    static readonly Lazy<bool> Applied = new(() =>
    {
        QuietWarnings();
        return DisableNnpack();
    });

    /// <summary>Whether NNPACK was switched off in this process.</summary>
    public static bool NnpackDisabled => Applied.Value;

    public static void Apply() => _ = Applied.Value;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    delegate IntPtr GlobalContext();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    delegate void SetUserEnabledNnpack(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    /// <summary>c10's log level: 0 info, 1 warning, 2 error.</summary>
    const int ErrorLogLevel = 2;

    static void QuietWarnings()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("TORCH_CPP_LOG_LEVEL") is not null) return;
        _ = TorchSharp.torch.get_num_threads(); // loads libtorch through TorchSharp
        if (NativeLibrary.TryLoad("libc10.so", out var c10) && NativeLibrary.TryGetExport(c10, "FLAGS_caffe2_log_level", out var level))
            Marshal.WriteInt32(level, Math.Max(Marshal.ReadInt32(level), ErrorLogLevel));
    }

    static bool DisableNnpack()
    {
        if (!OperatingSystem.IsLinux()) return false;
        _ = TorchSharp.torch.get_num_threads(); // loads libtorch through TorchSharp
        if (!NativeLibrary.TryLoad("libtorch_cpu.so", out var library)) return false;
        if (!NativeLibrary.TryGetExport(library, "_ZN2at13globalContextEv", out var globalContext)
            || !NativeLibrary.TryGetExport(library, "_ZN2at7Context20setUserEnabledNNPACKEb", out var setEnabled))
            return false;
        var context = Marshal.GetDelegateForFunctionPointer<GlobalContext>(globalContext)();
        Marshal.GetDelegateForFunctionPointer<SetUserEnabledNnpack>(setEnabled)(context, false);
        return true;
    }
}
