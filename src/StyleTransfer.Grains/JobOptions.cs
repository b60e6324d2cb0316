namespace StyleTransfer.Grains;

/// <summary>How jobs run (section "Jobs").</summary>
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Pages of a job dispatching at once; bounds a job's items in memory to this × <c>JobPages.Size</c>.</summary>
    public int MaxActivePages { get; set; } = 4;

    /// <summary>Dispatches of an item before it fails for good (node losses and transient failures both count).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>First retry delay after a transient failure; doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a page re-dispatches and writes its changed state.</summary>
    public TimeSpan PageTick { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a page checks its running items against their nodes' dispatches: requeues what no node holds and takes
    /// outcomes a node kept whose reports were lost.
    /// </summary>
    public TimeSpan PageAudit { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a job polls its active pages, reads its source further and writes its state.</summary>
    public TimeSpan JobTick { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Period of the reminder that reactivates an unfinished job after its silo died (Orleans' minimum applies).</summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan RetryDelay(int attempt)
    {
        double seconds = RetryBaseDelay.TotalSeconds * Math.Pow(2, Math.Max(0, attempt - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxRetryDelay.TotalSeconds));
    }
}
