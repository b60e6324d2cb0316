using System.Diagnostics;
using System.Globalization;
using StyleTransfer.Contracts;

namespace StyleTransfer.Cli.Running;

/// <summary>
/// Follows a training job until it finishes, printing step, loss, images/s and the time left (at most one line per
/// <see cref="Interval"/>); Ctrl+C cancels the job (the same command resumes it from its last checkpoint).
/// </summary>
public sealed class TrainingWatcher(ITrainingJobGrain job, TextWriter output)
{
    public static TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    public static TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public async Task<TrainingStatus> WatchAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? lastLine = null;
        int lastStep = -1;
        bool skippedShown = false;
        (TimeSpan At, int Step)? first = null;
        while (true)
        {
            var status = await job.GetStatusAsync();
            if (!skippedShown && status.SkippedImages.Count > 0)
            {
                foreach (var skipped in status.SkippedImages) output.WriteLine($"skipped training image {SafeText.Escape(skipped)}");
                skippedShown = true;
            }
            if (first is null && status.State == TrainingState.Running && status.Step > 0) first = (clock.Elapsed, status.Step);
            bool due = lastLine is not TimeSpan last || clock.Elapsed - last >= Interval;
            if (status.Step != lastStep && (due || status.IsFinished) && status.Steps > 0)
            {
                output.WriteLine(Line(status, Remaining(first, clock.Elapsed, status)));
                output.Flush();
                lastLine = clock.Elapsed;
                lastStep = status.Step;
            }
            if (status.IsFinished) return status;
            if (cancellationToken.IsCancellationRequested)
            {
                await job.CancelAsync();
                output.WriteLine("cancelling (after the current step); the same command resumes from the last checkpoint");
                output.Flush();
                return await StoppedAsync();
            }
            try { await Task.Delay(PollInterval, cancellationToken); }
            catch (OperationCanceledException) { }
        }
    }

    /// <summary>The status once the cancelled training has stopped, or after <see cref="StopTimeout"/>.</summary>
    async Task<TrainingStatus> StoppedAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var status = await job.GetStatusAsync();
            if (status.IsFinished || clock.Elapsed > StopTimeout) return status;
            await Task.Delay(PollInterval);
        }
    }

    public static TimeSpan StopTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The time left at the step rate seen since the first step this watcher saw; null until there is a rate.</summary>
    static TimeSpan? Remaining((TimeSpan At, int Step)? first, TimeSpan now, TrainingStatus s)
    {
        if (first is not { } f || s.Step <= f.Step || now <= f.At || s.IsFinished) return null;
        double secondsPerStep = (now - f.At).TotalSeconds / (s.Step - f.Step);
        return TimeSpan.FromSeconds(Math.Round(secondsPerStep * (s.Steps - s.Step)));
    }

    static string Line(TrainingStatus s, TimeSpan? remaining)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"step {s.Step}/{s.Steps}  loss {s.Loss:G5}  {s.ImagesPerSecond:0.0} images/s");
        if (remaining is TimeSpan left) line += $"  ETA {(left.TotalHours >= 1 ? $"{(int)left.TotalHours}h{left.Minutes:D2}m" : $"{left.Minutes}m{left.Seconds:D2}s")}";
        if (s.ResumedFromStep > 0) line += $"  (resumed from step {s.ResumedFromStep})";
        if (s.Node is not null) line += $"  on {s.Node}";
        return line;
    }
}
