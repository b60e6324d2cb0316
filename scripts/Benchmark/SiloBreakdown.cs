using StyleTransfer.Contracts;

namespace StyleTransfer.Benchmark;

/// <summary>
/// Where the embedded silo's time goes, item by item: the job's own timestamps (dispatched, recorded as finished,
/// job finished) joined with the engine's calls and the store's commits. Assumes the items of a round ran one after
/// another (a CPU node runs one at a time); with more at once the per-item gaps overlap and only the medians mean much.
/// </summary>
sealed class SiloBreakdown
{
    readonly Dictionary<string, List<double>> _ms = [];

    void Add(string segment, TimeSpan time) =>
        (_ms.TryGetValue(segment, out var list) ? list : _ms[segment] = []).Add(time.TotalMilliseconds);

    /// <param name="seen">when the client's polling saw the job finished.</param>
    public void AddRound(DateTimeOffset submitted, JobStatus status, DateTimeOffset seen, IReadOnlyList<TimedEngine.Call> calls,
        Func<string, TimedStore.Commit?> commitOf, IReadOnlyDictionary<string, string> contentOf)
    {
        var unmatched = calls.ToList();
        var previous = submitted;
        foreach (var item in status.Items.OrderBy(i => i.StartedAt))
        {
            var call = unmatched.First(c => c.ContentPath == contentOf[item.ItemId]);
            unmatched.Remove(call);
            var commit = commitOf(item.OutputName)!; // the store's name (the job's prefix included)
            Add(previous == submitted ? "submit → first dispatch" : "previous item → dispatch", item.StartedAt!.Value - previous);
            Add("dispatch → engine start", call.Start - item.StartedAt!.Value);
            Add("engine", call.Duration);
            Add("engine end → commit", commit.Start - call.End);
            Add("commit", commit.End - commit.Start);
            Add("commit → page records it", item.FinishedAt!.Value - commit.End);
            previous = item.FinishedAt!.Value;
        }
        Add("last item → job finished", status.FinishedAt!.Value - previous);
        Add("job finished → client sees it", seen - status.FinishedAt!.Value);
    }

    public double Median(string segment) => _ms[segment].Order().ElementAt(_ms[segment].Count / 2);

    /// <summary>Mean per item: unlike medians, the means of all segments add up to the silo's time per item.</summary>
    public double MeanPerItem(string segment, int items) => _ms[segment].Sum() / items;

    public void Print(TextWriter output, int items)
    {
        var segments = _ms.Keys.Where(k => k != "job finished → client sees it").ToList();
        output.WriteLine("  in the silo, per item (median ms over all rounds): " + string.Join(", ", segments.Select(k => $"{k} {Median(k):F0}")));
        output.WriteLine("  in the silo, per item (mean ms, these add up): " + string.Join(", ", segments.Select(k => $"{k} {MeanPerItem(k, items):F0}")));
        output.WriteLine($"  after the job finished, the client's poll (every 250 ms) saw it {Median("job finished → client sees it"):F0} ms later (not counted)");
    }
}
