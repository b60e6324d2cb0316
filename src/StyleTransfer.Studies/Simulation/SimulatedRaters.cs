using StyleTransfer.Studies.Analysis;
using StyleTransfer.Studies.Formats;

namespace StyleTransfer.Studies.Simulation;

/// <summary>
/// Answers of simulated raters to a study's assignments, made from its key with known preferences (see
/// <see cref="SimulationOptions"/>): a tool for checking <c>study analyze</c>, which should recover the strengths and
/// reject the careless raters. The rater ids do not tell careful from careless; <see cref="Result.Careless"/> does.
/// </summary>
public static class SimulatedRaters
{
    public sealed record Result(IReadOnlyList<AssignmentAnswers> Answers, IReadOnlyList<string> Careless);

    public static Result Simulate(StudyKeyData key, SimulationOptions options)
    {
        if (options.Raters < 1) throw new ArgumentOutOfRangeException(nameof(options), "at least one rater");
        if (options.Careless < 0 || options.Careless > options.Raters) throw new ArgumentOutOfRangeException(nameof(options), "careless raters must be between 0 and the raters");
        var random = new Random(options.Seed);
        var assignments = key.Trials.GroupBy(t => t.AssignmentId)
            .Select(g => (Id: g.Key, Trials: g.OrderBy(t => t.Index).ToList()))
            .OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        // Careless raters are spread over the raters, not all at the end.
        var careless = Enumerable.Range(0, options.Raters).OrderBy(_ => random.Next()).Take(options.Careless).ToHashSet();
        int width = options.Raters.ToString().Length;
        var answers = new List<AssignmentAnswers>();
        var carelessIds = new List<string>();
        var start = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
        for (int r = 0; r < options.Raters; r++)
        {
            var rater = $"sim-rater-{(r + 1).ToString().PadLeft(width, '0')}";
            bool isCareless = careless.Contains(r);
            if (isCareless) carelessIds.Add(rater);
            var (assignment, trials) = assignments[r % assignments.Count];
            var list = new List<TrialAnswer>(trials.Count);
            var opinions = new Dictionary<(string, string, string, string, string), string>();
            long elapsed = 0;
            foreach (var trial in trials)
            {
                var choice = isCareless ? RandomSide(random) : CarefulChoice(trial, options, opinions, random);
                long ms = isCareless
                    ? 400 + random.Next(800)
                    : (long)(3000 * Math.Exp(0.4 * Gaussian(random)));
                elapsed += ms + 500;
                list.Add(new TrialAnswer(trial.TrialId, trial.Index, trial.Question, choice, trial.Left.ImageId,
                    trial.Right.ImageId, ms, random.Next(2) == 0 ? "key" : "mouse"));
            }
            var started = start.AddMinutes(r * 7);
            answers.Add(new AssignmentAnswers(key.Definition.StudyId, assignment, rater, started,
                started.AddMilliseconds(elapsed), "simulation", list));
        }
        return new Result(answers, carelessIds);
    }

    /// <summary>
    /// A careful rater forms an opinion on a comparison (question, content, style, pair) the first time they see it,
    /// choosing by the Bradley–Terry probability, and keeps it when the comparison comes again (a repeat): raters
    /// differ from each other, which is what the model's probabilities describe, more than from themselves.
    /// </summary>
    static Side CarefulChoice(TrialKey trial, SimulationOptions options,
        Dictionary<(string, string, string, string, string), string> opinions, Random random)
    {
        if (random.NextDouble() < options.Lapse) return RandomSide(random);
        if (trial.Kind == TrialKind.Gold && trial.GoldAnswer is { } gold) return gold;
        if (trial.Left.Condition is not { } left || trial.Right.Condition is not { } right) return RandomSide(random);
        var (a, b) = string.CompareOrdinal(left, right) < 0 ? (left, right) : (right, left);
        var comparison = (trial.Question, trial.Content, trial.Style, a, b);
        if (!opinions.TryGetValue(comparison, out var preferred))
        {
            double difference = options.Strengths.GetValueOrDefault(a) - options.Strengths.GetValueOrDefault(b);
            preferred = random.NextDouble() < 1 / (1 + Math.Exp(-difference)) ? a : b;
            opinions[comparison] = preferred;
        }
        return preferred == left ? Side.Left : Side.Right;
    }

    static Side RandomSide(Random random) => random.Next(2) == 0 ? Side.Left : Side.Right;

    static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
