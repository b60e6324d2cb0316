namespace StyleTransfer.Benchmark;

/// <summary>
/// CPU time of this process's threads by thread name (Linux /proc), so that the silo's extra CPU can be attributed:
/// torch's OpenMP workers, .NET thread-pool workers, timers, GC. Names are the kernel's 15-character comm.
/// </summary>
static class ThreadCpu
{
    static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static Dictionary<int, (string Name, double Seconds)> Snapshot()
    {
        var threads = new Dictionary<int, (string, double)>();
        if (!Directory.Exists("/proc/self/task")) return threads;
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // "tid (comm) state ...": comm may hold spaces and parentheses, so split after the last ')'.
                int close = stat.LastIndexOf(')');
                var name = stat[(stat.IndexOf('(') + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                double ticks = double.Parse(fields[11]) + double.Parse(fields[12]); // utime, stime (fields 14, 15)
                threads[int.Parse(Path.GetFileName(dir))] = (name, ticks / TicksPerSecond);
            }
            catch (IOException)
            {
                // the thread ended while we read it
            }
        }
        return threads;
    }

    /// <summary>CPU seconds spent between two snapshots, summed by thread name (threads born in between count whole).</summary>
    public static Dictionary<string, double> Between(Dictionary<int, (string Name, double Seconds)> before, Dictionary<int, (string Name, double Seconds)> after)
    {
        var byName = new Dictionary<string, double>();
        foreach (var (tid, (name, seconds)) in after)
        {
            double spent = seconds - (before.TryGetValue(tid, out var b) ? b.Seconds : 0);
            if (spent > 0) byName[name] = byName.GetValueOrDefault(name) + spent;
        }
        return byName;
    }

    public static void Add(Dictionary<string, double> total, Dictionary<string, double> round)
    {
        foreach (var (name, seconds) in round) total[name] = total.GetValueOrDefault(name) + seconds;
    }
}
