using System.Runtime;

namespace StyleTransfer.Benchmark;

/// <summary>Methods the JIT compiled in this process and the time it spent, all threads.</summary>
readonly record struct JitCounters(long Methods, TimeSpan Time)
{
    public static JitCounters Now() => new(JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());

    public static JitCounters operator -(JitCounters a, JitCounters b) => new(a.Methods - b.Methods, a.Time - b.Time);

    public static JitCounters operator +(JitCounters a, JitCounters b) => new(a.Methods + b.Methods, a.Time + b.Time);

    public override string ToString() => $"{Methods} methods compiled in {Time.TotalSeconds:F2} s";
}
