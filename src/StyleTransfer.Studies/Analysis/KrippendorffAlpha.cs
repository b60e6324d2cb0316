namespace StyleTransfer.Studies.Analysis;

/// <summary>
/// Krippendorff's alpha for nominal data (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"):
/// α = 1 − D_o / D_e from the coincidence matrix of values within units. It allows any number of raters per unit and
/// missing answers; units with fewer than two values are not pairable and are left out. How the study's answers are
/// coded is <c>StudyAnalysis.PairAgreement</c>'s concern.
/// </summary>
public static class KrippendorffAlpha
{
    /// <summary>α, the observed pairwise agreement (1 − D_o), the pairable units and values.</summary>
    public sealed record Result(double Alpha, double ObservedAgreement, int Units, int Values);

    public static Result Nominal<T>(IEnumerable<IReadOnlyList<T>> units) where T : notnull
    {
        var coincidences = new Dictionary<(T, T), double>();
        var marginals = new Dictionary<T, double>();
        int unitCount = 0, n = 0;
        foreach (var unit in units)
        {
            int m = unit.Count;
            if (m < 2) continue;
            unitCount++;
            n += m;
            var counts = unit.GroupBy(v => v).ToDictionary(g => g.Key, g => (double)g.Count());
            foreach (var (c, nc) in counts)
            {
                marginals[c] = marginals.GetValueOrDefault(c) + nc;
                foreach (var (k, nk) in counts)
                {
                    double pairs = EqualityComparer<T>.Default.Equals(c, k) ? nc * (nc - 1) : nc * nk;
                    coincidences[(c, k)] = coincidences.GetValueOrDefault((c, k)) + pairs / (m - 1);
                }
            }
        }
        if (n < 2) return new Result(double.NaN, double.NaN, unitCount, n);
        double agree = marginals.Keys.Sum(c => coincidences.GetValueOrDefault((c, c)));
        double observedDisagreement = 1 - agree / n;
        double expectedAgree = marginals.Values.Sum(nc => nc * (nc - 1)) / (n * (double)(n - 1));
        double expectedDisagreement = 1 - expectedAgree;
        double alpha = expectedDisagreement == 0 ? double.NaN : 1 - observedDisagreement / expectedDisagreement;
        return new Result(alpha, 1 - observedDisagreement, unitCount, n);
    }
}
