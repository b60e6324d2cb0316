namespace StyleTransfer.Studies.Analysis;

/// <summary>
/// The Wilson score interval of a binomial proportion (Wilson 1927; Newcombe 1998, method 3, without continuity
/// correction): the proportions p whose score test |p̂ − p| / √(p(1−p)/n) ≤ z does not reject. Unlike the Wald
/// interval it stays inside [0, 1] and keeps close to its nominal coverage for small n and proportions near 0 or 1.
/// </summary>
public static class WilsonInterval
{
    /// <summary>z of a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    public static (double Low, double High) Compute(double successes, double trials, double z = Z95)
    {
        if (trials <= 0) return (double.NaN, double.NaN);
        if (successes < 0 || successes > trials) throw new ArgumentOutOfRangeException(nameof(successes), $"{successes} of {trials}");
        double p = successes / trials;
        double z2 = z * z;
        double denominator = 1 + z2 / trials;
        double center = (p + z2 / (2 * trials)) / denominator;
        double half = z * Math.Sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / denominator;
        return (Math.Max(0, center - half), Math.Min(1, center + half));
    }
}
