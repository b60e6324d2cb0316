using System.Diagnostics;
using StyleTransfer.Contracts;

namespace StyleTransfer.Cli.Running;

/// <summary>For logs, CI and pipes: one line every <paramref name="interval"/> (and the first and last status).</summary>
public sealed class PlainProgressView(TextWriter output, TimeSpan interval) : IProgressView
{
    public async Task<T> RunAsync<T>(Func<Action<JobStatus>, Task<T>> watch)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? last = null;
        JobStatus? pending = null;
        var result = await watch(status =>
        {
            pending = status;
            if (last is not null && clock.Elapsed - last < interval && !status.IsComplete) return;
            Write(status);
            pending = null;
            last = clock.Elapsed;
        });
        if (pending is not null) Write(pending);
        return result;

        void Write(JobStatus status)
        {
            var running = string.Join("; ", ProgressText.RunningItems(status));
            output.WriteLine($"[{ProgressText.Duration(clock.Elapsed)}] {ProgressText.Summary(status)}{(running.Length > 0 ? $" | {running}" : "")}");
            output.Flush();
        }
    }
}
