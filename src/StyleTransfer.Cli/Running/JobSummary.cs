using StyleTransfer.Contracts;

namespace StyleTransfer.Cli.Running;

/// <summary>The closing report: counts, time, where the results are and every failed item with its reason.</summary>
public static class JobSummary
{
    /// <param name="items">the job's items when known here (to name each failed item's content image).</param>
    public static void Write(TextWriter output, string jobId, IReadOnlyList<JobItemSpec> items, JobOutcome outcome, string resultsWhere)
    {
        var s = outcome.Status;
        var verb = outcome.Cancelled ? "Cancelled" : s.IsComplete ? "Finished" : "Stopped";
        output.WriteLine();
        output.WriteLine($"{verb} job {jobId} in {outcome.Elapsed.TotalSeconds:0.0} s: {Items(s.Total)}, " +
                         $"{s.Succeeded} succeeded, {s.Failed} failed, {s.Skipped} skipped{ProgressText.Cancelled(s)}" +
                         (s.Queued + s.Running > 0 ? $", {s.Queued + s.Running} unfinished" : "") + ".");
        if (s.Succeeded + s.Skipped > 0) output.WriteLine($"Results: {SafeText.Escape(resultsWhere)}");

        var contentOf = items.ToDictionary(i => i.ItemId, i => i.ContentPath);
        var failed = s.Items.Where(i => i.State == ItemState.Failed).OrderBy(i => i.OutputName, StringComparer.Ordinal).ToList();
        if (failed.Count > 0)
        {
            output.WriteLine(failed.Count < s.Failed ? $"Failed items (first {failed.Count} of {s.Failed}; all: styletransfer results {jobId}):" : $"Failed items ({failed.Count}):");
            foreach (var item in failed)
            {
                var content = contentOf.TryGetValue(item.ItemId, out var path) ? $" ({SafeText.Escape(path)})" : "";
                output.WriteLine($"  {SafeText.Escape(item.OutputName)}{content}: {SafeText.Escape(FirstLine(item.FailureReason))}");
            }
        }
        output.Flush();
    }

    static string Items(int n) => n == 1 ? "1 item" : $"{n} items";

    /// <summary>Native (libtorch) errors carry their C++ stack after the first line; the summary keeps the message.</summary>
    static string FirstLine(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) return "no reason recorded";
        var line = reason.Split('\n', 2)[0].TrimEnd();
        return line.Length < reason.TrimEnd().Length ? line + " (...)" : line;
    }
}
