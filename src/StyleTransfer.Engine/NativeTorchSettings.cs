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
    delegate void SetUserEnabled(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    [return: MarshalAs(UnmanagedType.U1)]
    delegate bool UserEnabled(IntPtr context);

    /// <summary>
    /// Runs CPU convolutions without oneDNN (libtorch's own kernels) until disposed; null where the switch is not
    /// found. For training on CPU: see <see cref="OneDnnWorkaround"/> for the wrong gradients oneDNN gave here, and
    /// that workaround only takes effect before a process's first convolution, which a silo that stylizes too cannot
    /// promise. The switch is process-wide and counted: it is restored when the last holder (e.g. of two silos in one
    /// process) lets go. A training holds its whole node, so no stylization of that node runs beside it.
    /// </summary>
    public static IDisposable? WithoutOneDnn()
    {
        if (OneDnnSwitch.Value is not { } oneDnn) return null;
        var (context, set, enabledBefore) = oneDnn;
        lock (OneDnnSwitch)
        {
            if (_oneDnnHolders++ == 0)
            {
                _oneDnnWasEnabled = enabledBefore(context);
                set(context, false);
            }
        }
        return new Release(() =>
        {
            lock (OneDnnSwitch)
                if (--_oneDnnHolders == 0) set(context, _oneDnnWasEnabled);
        });
    }

    static int _oneDnnHolders;
    static bool _oneDnnWasEnabled;

    static readonly Lazy<(IntPtr Context, SetUserEnabled Set, UserEnabled Get)?> OneDnnSwitch = new(() =>
    {
        if (!OperatingSystem.IsLinux()) return null;
        _ = TorchSharp.torch.get_num_threads(); // loads libtorch through TorchSharp
        if (!NativeLibrary.TryLoad("libtorch_cpu.so", out var library)
            || !NativeLibrary.TryGetExport(library, "_ZN2at13globalContextEv", out var globalContext)
            || !NativeLibrary.TryGetExport(library, "_ZN2at7Context20setUserEnabledMkldnnEb", out var setEnabled)
            || !NativeLibrary.TryGetExport(library, "_ZNK2at7Context17userEnabledMkldnnEv", out var getEnabled))
            return null;
        return (Marshal.GetDelegateForFunctionPointer<GlobalContext>(globalContext)(),
            Marshal.GetDelegateForFunctionPointer<SetUserEnabled>(setEnabled), Marshal.GetDelegateForFunctionPointer<UserEnabled>(getEnabled));
    });

    sealed class Release(Action release) : IDisposable
    {
        int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) release();
        }
    }

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
        Marshal.GetDelegateForFunctionPointer<SetUserEnabled>(setEnabled)(context, false);
        return true;
    }
}
