using StyleTransfer.Studies.Formats;

namespace StyleTransfer.Studies.Analysis;

/// <summary>Computes every rater's <see cref="RaterQuality"/> and decides who is kept.</summary>
public static class RaterQualityControl
{
    public static List<RaterQuality> Evaluate(IEnumerable<ResolvedAnswer> answers, QualityCriteria criteria)
    {
        var result = new List<RaterQuality>();
        foreach (var group in answers.GroupBy(a => a.Rater).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var list = group.ToList();
            int goldTotal = list.Count(a => a.GoldCorrect is not null);
            int goldCorrect = list.Count(a => a.GoldCorrect == true);
            var byTrial = list.ToDictionary(a => (a.Trial.AssignmentId, a.Trial.TrialId));
            int pairs = 0, consistent = 0;
            foreach (var repeat in list.Where(a => a.Trial.Kind == TrialKind.Repeat && a.Trial.RepeatOf is not null))
            {
                if (!byTrial.TryGetValue((repeat.Trial.AssignmentId, repeat.Trial.RepeatOf!), out var first)) continue;
                pairs++;
                if (first.ChosenLabel == repeat.ChosenLabel) consistent++;
            }
            var times = list.Select(a => a.Milliseconds).Order().ToList();
            double median = times.Count == 0 ? 0
                : (times[(times.Count - 1) / 2] + times[times.Count / 2]) / 2.0 / 1000.0;

            var reasons = new List<string>();
            if (goldTotal > 0 && (double)goldCorrect / goldTotal < criteria.MinGoldAccuracy)
                reasons.Add($"gold trials {goldCorrect}/{goldTotal} correct (< {criteria.MinGoldAccuracy:0.##})");
            if (pairs > 0 && (double)consistent / pairs < criteria.MinConsistency)
                reasons.Add($"repeats {consistent}/{pairs} consistent (< {criteria.MinConsistency:0.##})");
            if (criteria.MinMedianSeconds > 0 && median < criteria.MinMedianSeconds)
                reasons.Add($"median answer time {median:0.##} s (< {criteria.MinMedianSeconds:0.##} s)");
            result.Add(new RaterQuality(group.Key, list.Select(a => a.Trial.AssignmentId).Distinct().Count(), list.Count,
                goldCorrect, goldTotal, consistent, pairs, median, reasons.Count == 0,
                reasons.Count == 0 ? null : string.Join("; ", reasons)));
        }
        return result;
    }
}
