using Microsoft.Extensions.Logging;

namespace StyleTransfer.Grains;

/// <summary>
/// How a finished attempt (an item's or a training's) reports its outcome to the grain that owns it: up to five
/// tries, waiting a second longer after each failure, then logged and given up (the owner's lost-node check
/// re-runs the work).
/// </summary>
public static class OutcomeReports
{
    /// <param name="what">what is reported, for the log (e.g. "item x of job y").</param>
    public static async Task DeliverAsync(Func<Task> report, ILogger logger, string what)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await report();
                return;
            }
            catch (Exception e) when (attempt < 5)
            {
                logger.LogWarning("Reporting {What} failed (attempt {Attempt}): {Error}", what, attempt, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
            catch (Exception e)
            {
                logger.LogError(e, "Gave up reporting {What}", what);
                return;
            }
        }
    }
}
