using StyleTransfer.Studies.Formats;

namespace StyleTransfer.Studies.Analysis;

/// <summary>
/// The analysis of a forced-choice study: answers are matched to the key, raters checked against the quality rules,
/// and for each question the kept raters' answers to test trials (not gold trials, not repeats: the repeats only
/// measure consistency) give pair win rates with Wilson intervals, Bradley–Terry scores with rater-bootstrap
/// intervals, and Krippendorff's alpha over comparisons answered more than once (see PairAgreement).
/// </summary>
public static class StudyAnalysis
{
    public static AnalysisResult Run(StudyKeyData key, IReadOnlyList<LoadedAnswers> sets, AnalysisOptions options,
        IEnumerable<InputProblem>? earlierProblems = null)
    {
        var problems = new List<InputProblem>(earlierProblems ?? []);
        var conditions = key.Definition.Conditions.Select(c => c.Name).ToList();
        var reference = options.Reference ?? conditions[0];
        int referenceIndex = conditions.IndexOf(reference);
        if (referenceIndex < 0)
            throw new StudyInputException($"reference condition \"{reference}\" is not one of the study's ({string.Join(", ", conditions)})");

        var answers = AnswerResolver.Resolve(key, sets, problems);
        var raters = RaterQualityControl.Evaluate(answers, options.Criteria);
        var kept = raters.Where(r => r.Kept).Select(r => r.Rater).ToHashSet();
        var index = conditions.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);

        var tests = answers.Where(a => kept.Contains(a.Rater) && a.Trial.Kind == TrialKind.Test).ToList();
        var unknownConditions = tests.SelectMany(a => new[] { a.Chosen.Condition, a.Other.Condition })
            .Where(c => c is null || !index.ContainsKey(c)).Distinct().ToList();
        if (unknownConditions.Count > 0)
            problems.Add(new InputProblem("key", null,
                $"test trials name conditions the study does not define ({string.Join(", ", unknownConditions.Select(c => c ?? "(none)"))}); those answers are left out"));
        tests = tests.Where(a => a.Chosen.Condition is { } c && index.ContainsKey(c) && a.Other.Condition is { } o && index.ContainsKey(o)).ToList();

        var questions = new List<QuestionResult>();
        for (int q = 0; q < key.Definition.Questions.Count; q++)
        {
            var question = key.Definition.Questions[q];
            var own = tests.Where(a => a.Trial.Question == question.Id).ToList();
            questions.Add(AnalyseQuestion(question, own, conditions, index, referenceIndex, options, options.Seed + q));
        }
        return new AnalysisResult(key.Definition, reference, options, sets.Count, answers.Count, raters, questions, problems);
    }

    static QuestionResult AnalyseQuestion(StudyQuestion question, List<ResolvedAnswer> answers, List<string> conditions,
        Dictionary<string, int> index, int reference, AnalysisOptions options, int seed)
    {
        int k = conditions.Count;
        double z = NormalDistribution.Quantile(0.5 + options.Confidence / 2);
        var perRater = new Dictionary<string, double[,]>();
        var total = new double[k, k];
        foreach (var a in answers)
        {
            if (!perRater.TryGetValue(a.Rater, out var wins)) perRater[a.Rater] = wins = new double[k, k];
            int i = index[a.Chosen.Condition!], j = index[a.Other.Condition!];
            wins[i, j]++;
            total[i, j]++;
        }

        var pairs = new List<PairResult>();
        for (int i = 0; i < k; i++)
        for (int j = i + 1; j < k; j++)
        {
            int n = (int)(total[i, j] + total[j, i]);
            var (low, high) = WilsonInterval.Compute(total[i, j], n, z);
            pairs.Add(new PairResult(conditions[i], conditions[j], (int)total[i, j], n, n == 0 ? double.NaN : total[i, j] / n, low, high));
        }

        var scores = new List<ConditionScore>();
        bool regularized = false;
        if (answers.Count > 0)
        {
            var fit = BradleyTerry.Estimate(total, reference);
            regularized = fit.Regularized;
            var raterMatrices = perRater.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToList();
            var (lows, highs) = options.BootstrapResamples > 0
                ? RaterBootstrap.BradleyTerryIntervals(raterMatrices, reference, options.BootstrapResamples, seed, options.Confidence)
                : (Enumerable.Repeat(double.NaN, k).ToArray(), Enumerable.Repeat(double.NaN, k).ToArray());
            for (int i = 0; i < k; i++)
            {
                int wins = 0, comparisons = 0;
                for (int j = 0; j < k; j++)
                {
                    wins += (int)total[i, j];
                    comparisons += (int)(total[i, j] + total[j, i]);
                }
                scores.Add(new ConditionScore(conditions[i], fit.Scores[i], i == reference ? 0 : lows[i], i == reference ? 0 : highs[i], wins, comparisons));
            }
        }

        var agreement = PairAgreement(answers);
        return new QuestionResult(question.Id, question.Text, answers.Count, perRater.Count, pairs, scores, regularized, agreement);
    }

    /// <summary>
    /// Krippendorff's alpha of the answers, one unit per comparison (content, style, pair of conditions), each answer
    /// coded 1 when it chose the unit's first condition and 0 otherwise. Which condition of a pair is "first" is
    /// arbitrary and would change alpha through the pooled marginals, so every unit is also counted mirrored (codes
    /// swapped): the marginals are then 1/2 each, chance agreement is that of a fair coin, and alpha ≈ 2·(observed
    /// pairwise agreement) − 1, Kendall's coefficient of agreement u for paired comparisons, with Krippendorff's
    /// small-sample correction.
    /// </summary>
    static KrippendorffAlpha.Result PairAgreement(IEnumerable<ResolvedAnswer> answers)
    {
        var units = answers
            .GroupBy(a => (a.Trial.Content, a.Trial.Style, First: Min(a.Chosen.Condition!, a.Other.Condition!),
                Second: Max(a.Chosen.Condition!, a.Other.Condition!)))
            .Select(g => g.Select(a => a.Chosen.Condition == g.Key.First ? 1 : 0).ToList())
            .Where(u => u.Count >= 2)
            .ToList();
        var mirrored = units.Concat(units.Select(u => u.Select(v => 1 - v).ToList())).Select(u => (IReadOnlyList<int>)u);
        var alpha = KrippendorffAlpha.Nominal(mirrored);
        return alpha with { Units = units.Count, Values = units.Sum(u => u.Count) };
    }

    static string Min(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? a : b;

    static string Max(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? b : a;
}
