using StyleTransfer.Studies.Design;
using StyleTransfer.Studies.Formats;

namespace StyleTransfer.Studies.Tests;

public sealed class DesignTests
{
    static StudyDesign Design(int conditions = 3, int groups = 2, int assignments = 8, int trials = 10, int repeats = 2, int gold = 2,
        int seed = 5, params GoldRule[] questions) =>
        new(conditions, groups, questions.Length == 0 ? [GoldRule.Output, GoldRule.Content] : questions, assignments, trials, repeats, gold, seed);

    static List<PlannedTrial> All(StudyDesign design) => Enumerable.Range(0, design.Assignments).SelectMany(design.Assignment).ToList();

    [Fact]
    public void Pairs_and_sides_balance_exactly_overall_and_within_each_content_style_and_question()
    {
        // 8 assignments × (10 − 2 − 2) = 48 test trials = 2 × (3·2 ordered pairs × 2 groups × 2 questions).
        var design = Design();
        Assert.True(design.IsExactlyBalanced);
        var tests = All(design).Where(t => t.Kind == TrialKind.Test).ToList();
        Assert.Equal(48, tests.Count);

        var ordered = tests.GroupBy(t => (t.Left, t.Right)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(6, ordered.Count);
        Assert.All(ordered.Values, n => Assert.Equal(8, n));
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(16, tests.Count(t => t.Left == c));
            Assert.Equal(16, tests.Count(t => t.Right == c));
        }
        foreach (var cell in tests.GroupBy(t => (t.Group, t.Question)))
        {
            var pairs = cell.GroupBy(t => (t.Left, t.Right)).ToList();
            Assert.Equal(6, pairs.Count);
            Assert.All(pairs, p => Assert.Equal(2, p.Count()));
        }
        Assert.All(tests, t => Assert.NotEqual(t.Left, t.Right));
    }

    [Theory]
    [InlineData(3, 7)]
    [InlineData(4, 13)]
    [InlineData(5, 23)]
    public void Leftover_trials_keep_pair_counts_within_one_and_sides_within_k_minus_1(int conditions, int assignments)
    {
        var design = Design(conditions: conditions, groups: 1, assignments: assignments, trials: 3, repeats: 0, gold: 0, questions: [GoldRule.None]);
        Assert.False(design.IsExactlyBalanced);
        var tests = All(design);
        var pairs = tests.GroupBy(t => (Math.Min(t.Left, t.Right), Math.Max(t.Left, t.Right))).Select(g => g.Count()).ToList();
        Assert.Equal(conditions * (conditions - 1) / 2, pairs.Count);
        Assert.True(pairs.Max() - pairs.Min() <= 1, string.Join(",", pairs));
        for (int c = 0; c < conditions; c++)
            Assert.True(Math.Abs(tests.Count(t => t.Left == c) - tests.Count(t => t.Right == c)) <= conditions - 1);
    }

    [Fact]
    public void Oriented_pairs_put_each_condition_on_the_left_for_about_half_its_pairs()
    {
        foreach (int k in new[] { 2, 3, 4, 5, 6, 7 })
        {
            var pairs = StudyDesign.OrientedPairs(k);
            Assert.Equal(k * (k - 1) / 2, pairs.Count);
            for (int c = 0; c < k; c++)
            {
                int left = pairs.Count(p => p.Left == c);
                if (k % 2 == 1) Assert.Equal((k - 1) / 2, left);
                else Assert.InRange(left, k / 2 - 1, k / 2);
            }
        }
    }

    [Fact]
    public void Repeats_show_an_earlier_test_trial_again_later_with_sides_swapped()
    {
        var design = Design(assignments: 20, trials: 12, repeats: 3, gold: 2);
        for (int a = 0; a < design.Assignments; a++)
        {
            var trials = design.Assignment(a);
            Assert.Equal(12, trials.Count);
            var repeats = trials.Select((t, i) => (t, i)).Where(x => x.t.Kind == TrialKind.Repeat).ToList();
            Assert.Equal(3, repeats.Count);
            Assert.Equal(3, repeats.Select(r => r.t.RepeatOf).Distinct().Count());
            foreach (var (repeat, index) in repeats)
            {
                var original = trials[repeat.RepeatOf];
                Assert.Equal(TrialKind.Test, original.Kind);
                Assert.True(repeat.RepeatOf < index - 1, $"repeat at {index} of {repeat.RepeatOf}: no trial between");
                Assert.Equal((original.Group, original.Question), (repeat.Group, repeat.Question));
                Assert.Equal((original.Left, original.Right), (repeat.Right, repeat.Left));
            }
            Assert.All(trials.Where(t => t.Kind != TrialKind.Repeat), t => Assert.Equal(-1, t.RepeatOf));
        }
    }

    [Fact]
    public void Gold_trials_set_an_output_against_the_content_with_the_known_answer_and_balanced_sides()
    {
        // Questions: style (output right), a taste question (no gold), photo (content right).
        var design = Design(conditions: 2, assignments: 12, trials: 12, repeats: 2, gold: 4, questions: [GoldRule.Output, GoldRule.None, GoldRule.Content]);
        var gold = new List<PlannedTrial>();
        for (int a = 0; a < design.Assignments; a++)
        {
            var mine = design.Assignment(a).Where(t => t.Kind == TrialKind.Gold).ToList();
            Assert.Equal(4, mine.Count);
            Assert.Equal(2, mine.Count(t => t.GoldAnswer == Side.Left));
            gold.AddRange(mine);
        }
        Assert.DoesNotContain(gold, t => t.Question == 1);
        Assert.Equal(24, gold.Count(t => t.Question == 0));
        Assert.Equal(24, gold.Count(t => t.Question == 2));
        foreach (var t in gold)
        {
            Assert.True((t.Left == PlannedTrial.UnstylizedContent) != (t.Right == PlannedTrial.UnstylizedContent));
            var contentSide = t.Left == PlannedTrial.UnstylizedContent ? Side.Left : Side.Right;
            Assert.Equal(t.Question == 0 ? Opposite(contentSide) : contentSide, t.GoldAnswer);
        }
        // Each condition is the gold output equally often, with each gold question equally often.
        foreach (int condition in new[] { 0, 1 })
        foreach (int question in new[] { 0, 2 })
            Assert.Equal(12, gold.Count(t => Math.Max(t.Left, t.Right) == condition && t.Question == question));
        // Within an assignment, gold trials show different content × styles (2 groups here) and conditions where they can.
        for (int a = 0; a < design.Assignments; a++)
        {
            var mine = design.Assignment(a).Where(t => t.Kind == TrialKind.Gold).ToList();
            Assert.Equal(2, mine.Select(t => t.Group).Distinct().Count());
            Assert.Equal(2, mine.Select(t => Math.Max(t.Left, t.Right)).Distinct().Count());
        }
    }

    static Side Opposite(Side side) => side == Side.Left ? Side.Right : Side.Left;

    [Fact]
    public void The_same_seed_gives_the_same_design_and_another_seed_another()
    {
        string Render(int seed) => string.Join("\n", All(Design(seed: seed)));
        Assert.Equal(Render(11), Render(11));
        Assert.NotEqual(Render(11), Render(12));
        // Trial order is randomized per assignment: assignments are not all in the same kind order.
        var design = Design(assignments: 8);
        Assert.True(Enumerable.Range(0, 8).Select(a => string.Join(",", design.Assignment(a).Select(t => t.Kind))).Distinct().Count() > 1);
    }

    [Theory]
    [InlineData(1, 10, 0, 0, "at least 2 conditions")]
    [InlineData(3, 4, 2, 2, "leaves no test trials")]
    [InlineData(3, 6, 3, 0, "repeats 3: at most 2")]
    public void Impossible_numbers_are_refused_with_the_reason(int conditions, int trials, int repeats, int gold, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => Design(conditions: conditions, trials: trials, repeats: repeats, gold: gold));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Gold_without_a_question_with_a_known_answer_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Design(gold: 1, questions: [GoldRule.None]));
        Assert.Contains("gold trials need a question", e.Message);
    }

    [Theory]
    [InlineData("style", GoldRule.Output)]
    [InlineData("Style-Match", GoldRule.Output)]
    [InlineData("content", GoldRule.Content)]
    [InlineData("photo", GoldRule.Content)]
    [InlineData("realism", GoldRule.Content)]
    [InlineData("beauty", GoldRule.None)]
    public void Gold_rules_follow_the_question_id(string id, GoldRule rule) => Assert.Equal(rule, GoldRules.For(id));

    [Fact]
    public void The_generator_is_fixed_by_its_seed_and_stream()
    {
        // Streams are reproducible and independent; draws are uniform.
        var a = new StudyRandom(42, "design");
        var b = new StudyRandom(42, "design");
        var c = new StudyRandom(42, "images");
        var first = Enumerable.Range(0, 5).Select(_ => a.NextUInt64()).ToList();
        Assert.Equal(first, Enumerable.Range(0, 5).Select(_ => b.NextUInt64()).ToList());
        Assert.NotEqual(first, Enumerable.Range(0, 5).Select(_ => c.NextUInt64()).ToList());
        var counts = new int[6];
        var r = new StudyRandom(1);
        for (int i = 0; i < 60000; i++) counts[r.NextInt(6)]++;
        Assert.All(counts, n => Assert.InRange(n, 9500, 10500));
    }
}
