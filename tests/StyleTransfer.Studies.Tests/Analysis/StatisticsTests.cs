using StyleTransfer.Studies.Analysis;

namespace StyleTransfer.Studies.Tests.Analysis;

public class StatisticsTests
{
    // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, method 3 (Wilson score).
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Wilson_interval_matches_published_values(int successes, int n, double low, double high)
    {
        var (l, h) = WilsonInterval.Compute(successes, n);
        Assert.Equal(low, l, 4);
        Assert.Equal(high, h, 4);
    }

    [Fact]
    public void Wilson_interval_of_8_of_10_is_the_score_test_inversion()
    {
        var (l, h) = WilsonInterval.Compute(8, 10);
        // Both ends are where the score statistic equals z.
        foreach (var p in new[] { l, h })
            Assert.Equal(WilsonInterval.Z95, Math.Abs(0.8 - p) / Math.Sqrt(p * (1 - p) / 10), 6);
        Assert.True(l < 0.8 && 0.8 < h);
    }

    [Fact]
    public void Bradley_terry_two_conditions_gives_the_log_odds()
    {
        var fit = BradleyTerry.Estimate(new double[,] { { 0, 3 }, { 1, 0 } }, reference: 1);
        Assert.Equal(Math.Log(3), fit.Scores[0], 9);
        Assert.Equal(0, fit.Scores[1]);
        Assert.False(fit.Regularized);
    }

    [Fact]
    public void Bradley_terry_chain_with_a_pair_never_compared_is_solved_by_hand()
    {
        // A beat B 3 of 4, B beat C 3 of 4, A and C never met. The likelihood equations give γA = 3γB = 9γC.
        var wins = new double[,] { { 0, 3, 0 }, { 1, 0, 3 }, { 0, 1, 0 } };
        var fit = BradleyTerry.Estimate(wins, reference: 2);
        Assert.Equal(Math.Log(9), fit.Scores[0], 8);
        Assert.Equal(Math.Log(3), fit.Scores[1], 8);
        Assert.Equal(0, fit.Scores[2]);
        // Another reference only shifts the scores.
        var shifted = BradleyTerry.Estimate(wins, reference: 0).Scores;
        Assert.Equal(-Math.Log(9), shifted[2], 8);
    }

    [Fact]
    public void Bradley_terry_satisfies_the_likelihood_equations_of_a_cyclic_example()
    {
        var wins = new double[,] { { 0, 7, 2, 5 }, { 3, 0, 6, 4 }, { 8, 4, 0, 1 }, { 5, 6, 9, 0 } };
        var scores = BradleyTerry.Estimate(wins, reference: 0).Scores;
        for (int i = 0; i < 4; i++)
        {
            double observed = 0, expected = 0;
            for (int j = 0; j < 4; j++)
            {
                if (i == j) continue;
                observed += wins[i, j];
                expected += (wins[i, j] + wins[j, i]) / (1 + Math.Exp(scores[j] - scores[i]));
            }
            Assert.Equal(observed, expected, 6);
        }
    }

    [Fact]
    public void Bradley_terry_marks_unconnected_conditions_and_regularizes_a_condition_that_never_wins()
    {
        // C only ever met D; A and B never met C or D.
        var fit = BradleyTerry.Estimate(new double[,] { { 0, 2, 0, 0 }, { 1, 0, 0, 0 }, { 0, 0, 0, 1 }, { 0, 0, 1, 0 } }, reference: 0);
        Assert.True(double.IsNaN(fit.Scores[2]) && double.IsNaN(fit.Scores[3]));
        Assert.Equal(-Math.Log(2), fit.Scores[1], 8);

        // B never wins: no finite maximum likelihood estimate; the prior keeps the score finite and below A's.
        var shutout = BradleyTerry.Estimate(new double[,] { { 0, 5 }, { 0, 0 } }, reference: 0);
        Assert.True(shutout.Regularized);
        Assert.Equal(-Math.Log(5.5 / 0.5), shutout.Scores[1], 8);
    }

    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers, twelve units,
    // nominal values with missing data; the paper computes α = 0.743.
    [Fact]
    public void Krippendorff_alpha_matches_the_published_worked_example()
    {
        int?[][] observers =
        [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
            [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
        ];
        var units = Enumerable.Range(0, 12)
            .Select(u => (IReadOnlyList<int>)observers.Where(o => o[u] is not null).Select(o => o[u]!.Value).ToList());
        var result = KrippendorffAlpha.Nominal(units);
        Assert.Equal(0.743, result.Alpha, 3);
        Assert.Equal(11, result.Units); // unit 12 has a single value
        Assert.Equal(40, result.Values);
    }

    [Fact]
    public void Krippendorff_alpha_is_one_for_perfect_agreement_and_near_zero_for_chance()
    {
        Assert.Equal(1, KrippendorffAlpha.Nominal(new[] { new[] { "a", "a", "a" }, new[] { "b", "b" } }).Alpha, 9);
        var random = new Random(3);
        var units = Enumerable.Range(0, 4000).Select(_ => (IReadOnlyList<string>)Enumerable.Range(0, 3).Select(_ => random.Next(2) == 0 ? "a" : "b").ToList());
        Assert.InRange(KrippendorffAlpha.Nominal(units).Alpha, -0.03, 0.03);
    }

    [Theory]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.995, 2.5758293035489)]
    [InlineData(0.01, -2.3263478740408)]
    public void Normal_quantile(double p, double z) => Assert.Equal(z, NormalDistribution.Quantile(p), 5);
}
