namespace StyleTransfer.Studies.Analysis;

/// <summary>
/// Percentile bootstrap intervals of Bradley–Terry scores, resampling raters with replacement (the rater is the unit
/// of sampling: answers of one rater are not independent). Each resample sums the win matrices of the drawn raters
/// and refits the model; the interval is the (1−c)/2 and (1+c)/2 quantiles of the refitted scores. Seeded, so the
/// same answers give the same intervals.
/// </summary>
public static class RaterBootstrap
{
    public static (double[] Low, double[] High) BradleyTerryIntervals(IReadOnlyList<double[,]> raterWins, int reference,
        int resamples, int seed, double confidence = 0.95)
    {
        if (raterWins.Count == 0) throw new ArgumentException("no raters", nameof(raterWins));
        int k = raterWins[0].GetLength(0);
        var random = new Random(seed);
        var draws = new double[k][];
        for (int i = 0; i < k; i++) draws[i] = new double[resamples];
        var sum = new double[k, k];
        for (int b = 0; b < resamples; b++)
        {
            Array.Clear(sum);
            for (int r = 0; r < raterWins.Count; r++)
            {
                var wins = raterWins[random.Next(raterWins.Count)];
                for (int i = 0; i < k; i++)
                for (int j = 0; j < k; j++)
                    sum[i, j] += wins[i, j];
            }
            var scores = BradleyTerry.Estimate(sum, reference, tolerance: 1e-8).Scores;
            for (int i = 0; i < k; i++) draws[i][b] = scores[i];
        }
        var low = new double[k];
        var high = new double[k];
        double alpha = (1 - confidence) / 2;
        for (int i = 0; i < k; i++)
        {
            var finite = draws[i].Where(double.IsFinite).Order().ToArray();
            // A condition that is often cut off from the reference in resamples has no meaningful interval.
            if (finite.Length < 0.95 * resamples) (low[i], high[i]) = (double.NaN, double.NaN);
            else (low[i], high[i]) = (Quantile(finite, alpha), Quantile(finite, 1 - alpha));
        }
        return (low, high);
    }

    /// <summary>Quantile of sorted values with linear interpolation between order statistics (type 7, R's default).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        double h = (sorted.Count - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
