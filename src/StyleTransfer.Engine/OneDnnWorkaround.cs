using System.Runtime.InteropServices;

namespace StyleTransfer.Engine;

/// <summary>
/// Caps libtorch's CPU kernels (oneDNN) at SSE4.1 for training. On our development machines (AMD EPYC, AVX-512)
/// the gradients of convolutions with few output channels (3, 8, 12, 24; the RGB output layers of the feed-forward
/// networks) were wrong, differed from process to process and were NaN in about one run in three, under the AVX-512
/// and also under the AVX2 kernels; under SSE4.1 they were identical in every run. The ResNet-18 backbone's own
/// gradients (64+ channels; what gatys uses) were identical under every setting. The cost: a backbone forward and
/// backward pass at 512 px took about 1.5–2× as long. The setting is read when oneDNN first runs, so <see cref="Apply"/>
/// must come before the process's first convolution; a value already in the environment wins. The product does not
/// rely on it (a silo cannot promise its first convolution is a training's): training steps on CPU run without oneDNN
/// at all (<see cref="NativeTorchSettings.WithoutOneDnn"/>, in <c>TrainingLoop</c>), which gave the same weights in
/// every run. Tests and benchmark scripts still apply it, for runs comparable with earlier ones.
/// </summary>
public static class OneDnnWorkaround
{
    public const string Variable = "ONEDNN_MAX_CPU_ISA";

    /// <summary>Sets <see cref="Variable"/>=SSE41 in the native environment unless it is set; true if it set it.</summary>
    public static bool Apply()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable))) return false;
        Environment.SetEnvironmentVariable(Variable, "SSE41");
        // On Unix .NET keeps its own copy of the environment; native code (libtorch) reads libc's.
        if (!OperatingSystem.IsWindows()) SetEnv(Variable, "SSE41", 0);
        return true;
    }

    [DllImport("libc", EntryPoint = "setenv")]
    static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
