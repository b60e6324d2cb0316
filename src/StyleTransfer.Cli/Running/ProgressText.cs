using StyleTransfer.Contracts;

namespace StyleTransfer.Cli.Running;

/// <summary>The words of the progress display, shared by the live view and the plain lines.</summary>
public static class ProgressText
{
    public static int Done(JobStatus s) => s.Succeeded + s.Failed + s.Skipped + s.CancelledItems;

    /// <summary>e.g. "3/10 done (2 succeeded, 1 failed, 0 skipped), 1 running, ETA 0:01:30".</summary>
    public static string Summary(JobStatus s)
    {
        var text = $"{Done(s)}/{s.Total} done ({s.Succeeded} succeeded, {s.Failed} failed, {s.Skipped} skipped{Cancelled(s)})";
        if (s.Running > 0) text += $", {s.Running} running";
        if (s.Queued > 0) text += $", {s.Queued} queued";
        if (!s.IsComplete && Rate(s) is string rate) text += $", {rate}";
        if (!s.IsComplete && s.EstimateRemaining() is TimeSpan eta) text += $", ETA {Duration(eta)}";
        return text;
    }

    /// <summary>Fits a terminal line beside a bar: e.g. "3/10 items · 1 failed · 0 skipped · ETA 1:30".</summary>
    public static string Compact(JobStatus s)
    {
        var text = $"{Done(s)}/{s.Total} items · {s.Failed} failed · {s.Skipped} skipped";
        if (!s.IsComplete && Rate(s) is string rate) text += $" · {rate}";
        if (!s.IsComplete && s.EstimateRemaining() is TimeSpan eta) text += $" · ETA {Duration(eta)}";
        return text;
    }

    /// <summary>
    /// Throughput by the model of <see cref="JobStatus.EstimateRemaining"/> (the nodes' parallel items ÷ the mean
    /// seconds per computed item), e.g. "0.42 images/s"; null before an item is computed.
    /// </summary>
    public static string? Rate(JobStatus s) => s.AverageSecondsPerItem is double average && average > 0
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Math.Max(1, s.Nodes.Sum(n => n.Capacity)) / average:0.##} images/s")
        : null;

    /// <summary>", N cancelled" when the job's cancellation stopped items, else nothing.</summary>
    public static string Cancelled(JobStatus s) => s.CancelledItems > 0 ? $", {s.CancelledItems} cancelled" : "";

    public static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>Running items with their iteration, e.g. "photo__starry.png it 40/200".</summary>
    public static IEnumerable<string> RunningItems(JobStatus s) => s.Items
        .Where(i => i.State == ItemState.Running)
        .Select(i => i.TotalIterations > 0 ? $"{SafeText.Escape(i.OutputName)} it {i.Iteration}/{i.TotalIterations}" : $"{SafeText.Escape(i.OutputName)} starting");

    public static string Duration(TimeSpan t) => t.TotalHours >= 1
        ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}"
        : $"{t.Minutes}:{t.Seconds:00}";
}
