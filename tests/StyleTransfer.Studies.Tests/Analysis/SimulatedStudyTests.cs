using StyleTransfer.Studies.Analysis;
using StyleTransfer.Studies.Simulation;
using StyleTransfer.Studies.Tests.Support;
using Xunit.Abstractions;

namespace StyleTransfer.Studies.Tests.Analysis;

/// <summary>The analysis against simulated raters whose preferences are known.</summary>
public class SimulatedStudyTests(ITestOutputHelper output)
{
    static readonly string[] Conditions = ["gatys-lo", "gatys-hi", "photo", "strotss"];
    static readonly StudyKeyData Key = TestStudy.Build(Conditions);
    static readonly Dictionary<string, double> Truth = TestStudy.Strengths(Conditions);

    static AnalysisResult Analyse(IReadOnlyList<Formats.AssignmentAnswers> answers, int resamples = 1000) =>
        StudyAnalysis.Run(Key, answers.Select(a => new LoadedAnswers("sim", null, a.Rater!, a)).ToList(),
            AnalysisOptions.Default with { BootstrapResamples = resamples });

    [Fact]
    public void Recovers_the_true_order_and_rejects_exactly_the_careless_raters()
    {
        var simulation = SimulatedRaters.Simulate(Key, new SimulationOptions(60, 10, Seed: 11, Truth));
        var result = Analyse(simulation.Answers);

        var rejected = result.Raters.Where(r => !r.Kept).Select(r => r.Rater).Order().ToList();
        Assert.Equal(simulation.Careless.Order().ToList(), rejected);
        Assert.All(result.Raters.Where(r => !r.Kept), r => Assert.False(string.IsNullOrEmpty(r.Reason)));

        var question = Assert.Single(result.Questions);
        var recovered = question.Scores.OrderBy(s => s.Score).Select(s => s.Condition).ToList();
        Assert.Equal(Conditions, recovered);
        foreach (var score in question.Scores)
        {
            output.WriteLine($"{score.Condition}: {score.Score:F3} [{score.Low:F3}, {score.High:F3}] truth {Truth[score.Condition]:F3}");
            // Within three standard errors (the 95% interval spans about four).
            double standardError = (score.High - score.Low) / 3.92;
            Assert.InRange(score.Score, Truth[score.Condition] - 3 * standardError, Truth[score.Condition] + 3 * standardError);
        }
        Assert.Equal(0, question.Scores[0].Score);
        Assert.Equal(6, question.Pairs.Count);
        Assert.All(question.Pairs, p => Assert.True(p.Rate < 0.5, $"{p.A} should lose to {p.B}: {p.Rate:F2}"));
        Assert.InRange(question.Agreement.Alpha, 0.0, 1.0);
        Assert.Equal(50, question.Raters);
    }

    [Fact]
    public void Careless_raters_are_rejected_and_careful_ones_kept_over_many_seeds()
    {
        int careless = 0, carelessRejected = 0, careful = 0, carefulKept = 0;
        for (int seed = 0; seed < 40; seed++)
        {
            var simulation = SimulatedRaters.Simulate(Key, new SimulationOptions(30, 5, seed, Truth));
            var answers = simulation.Answers.Select(a => new LoadedAnswers("sim", null, a.Rater!, a)).ToList();
            var raters = RaterQualityControl.Evaluate(AnswerResolver.Resolve(Key, answers, new List<InputProblem>()), new QualityCriteria());
            foreach (var rater in raters)
            {
                if (simulation.Careless.Contains(rater.Rater))
                {
                    careless++;
                    if (!rater.Kept) carelessRejected++;
                }
                else
                {
                    careful++;
                    if (rater.Kept) carefulKept++;
                }
            }
        }
        output.WriteLine($"careless rejected {carelessRejected}/{careless}, careful kept {carefulKept}/{careful}");
        Assert.True(carelessRejected >= 0.95 * careless, $"careless rejected {carelessRejected}/{careless}");
        Assert.True(carefulKept >= 0.98 * careful, $"careful kept {carefulKept}/{careful}");
    }

    [Fact]
    public void Wilson_and_bootstrap_intervals_cover_the_truth_at_about_their_nominal_rate()
    {
        const int runs = 200;
        int wilson = 0, wilsonTotal = 0, bootstrap = 0, bootstrapTotal = 0;
        var sums = new double[Conditions.Length];
        for (int run = 0; run < runs; run++)
        {
            // The model exactly: no lapses, no careless raters.
            var simulation = SimulatedRaters.Simulate(Key, new SimulationOptions(30, 0, 1000 + run, Truth, Lapse: 0));
            var question = Analyse(simulation.Answers, resamples: 500).Questions[0];
            foreach (var pair in question.Pairs)
            {
                double p = 1 / (1 + Math.Exp(Truth[pair.B] - Truth[pair.A]));
                wilsonTotal++;
                if (pair.Low <= p && p <= pair.High) wilson++;
            }
            for (int i = 0; i < Conditions.Length; i++) sums[i] += question.Scores[i].Score / runs;
            foreach (var score in question.Scores.Skip(1))
            {
                bootstrapTotal++;
                if (score.Low <= Truth[score.Condition] && Truth[score.Condition] <= score.High) bootstrap++;
            }
        }
        double wilsonRate = (double)wilson / wilsonTotal, bootstrapRate = (double)bootstrap / bootstrapTotal;
        output.WriteLine($"mean scores {string.Join(", ", sums.Select(x => x.ToString("F3")))}");
        output.WriteLine($"Wilson coverage {wilsonRate:F3} ({wilsonTotal} intervals), bootstrap coverage {bootstrapRate:F3} ({bootstrapTotal} intervals)");
        for (int i = 0; i < Conditions.Length; i++) Assert.InRange(sums[i], Truth[Conditions[i]] - 0.05, Truth[Conditions[i]] + 0.05);
        Assert.InRange(wilsonRate, 0.92, 0.98);
        Assert.InRange(bootstrapRate, 0.90, 0.99);
    }
}
