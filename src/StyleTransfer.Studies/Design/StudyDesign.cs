using StyleTransfer.Studies.Formats;

namespace StyleTransfer.Studies.Design;

/// <summary>
/// The forced-choice design of a study, reproducible from its seed.
/// <para><b>Test trials.</b> A "round" compares every ordered pair of conditions (k·(k−1) trials: each unordered
/// pair once with each condition on the left) for one content × style and one question. Rounds cycle through every
/// (content × style, question) combination in a seeded order, a fresh order for each cycle, until the study's
/// assignments × (trials − repeats − gold) test trials are made; the list is then shuffled and dealt to assignments
/// in slices. Every comparison is asked once per question, as separate trials.</para>
/// <para><b>Balance.</b> When the number of test trials is a multiple of k·(k−1), every pair of conditions appears
/// equally often and every condition equally often on the left and on the right; when it is also a multiple of
/// k·(k−1)·contents·styles·questions, this holds within every content × style and question too. Otherwise the
/// last, partial round takes each unordered pair in one orientation before any pair in the other (in a seeded
/// order, with orientations chosen so that each condition is on the left for about half its pairs), so pair counts
/// differ by at most one and a condition's left and right counts by at most k − 1.</para>
/// <para><b>Assignments.</b> Each assignment's test and gold trials are shuffled with the assignment's own stream;
/// then repeats are inserted: test trials (not the last one) chosen at random are shown again, sides swapped, at a
/// random later position with at least one other trial between. Gold trials show a condition's output against the
/// unstylized content of the same content × style, with a question whose answer is known (<see cref="GoldRules"/>);
/// conditions and questions cycle over the study's gold trials (each condition with each gold question equally
/// often), content × styles are drawn without replacement within an assignment, and the correct side is balanced
/// within each assignment (exactly for an even number of gold trials).</para>
/// </summary>
public sealed class StudyDesign
{
    readonly int _conditions, _groups, _assignments, _trials, _repeats, _gold, _seed;
    readonly IReadOnlyList<GoldRule> _questionGold;
    readonly int[] _goldQuestions;
    List<(int Group, int Left, int Right, int Question)>? _tests;

    /// <param name="questionGold">one entry per question: how its gold trials are answered.</param>
    public StudyDesign(int conditions, int groups, IReadOnlyList<GoldRule> questionGold, int assignments,
        int trialsPerAssignment, int repeats, int gold, int seed)
    {
        if (conditions < 2) throw new ArgumentException($"a study needs at least 2 conditions (got {conditions})");
        if (groups < 1) throw new ArgumentException("a study needs at least one content and one style image");
        if (questionGold.Count < 1) throw new ArgumentException("a study needs at least one question");
        if (assignments < 1) throw new ArgumentException($"assignments {assignments}: must be at least 1");
        if (trialsPerAssignment < 1) throw new ArgumentException($"trials per assignment {trialsPerAssignment}: must be at least 1");
        if (repeats < 0) throw new ArgumentException($"repeats {repeats}: must not be negative");
        if (gold < 0) throw new ArgumentException($"gold {gold}: must not be negative");
        int tests = trialsPerAssignment - repeats - gold;
        if (tests < 1)
            throw new ArgumentException($"trials per assignment {trialsPerAssignment} leaves no test trials after {repeats} repeats and {gold} gold trials");
        if (repeats > 0 && repeats > tests - 1)
            throw new ArgumentException($"repeats {repeats}: at most {tests - 1} (one fewer than the {tests} test trials of an assignment: a repeat needs an earlier trial with another after it)");
        _goldQuestions = Enumerable.Range(0, questionGold.Count).Where(q => questionGold[q] != GoldRule.None).ToArray();
        if (gold > 0 && _goldQuestions.Length == 0)
            throw new ArgumentException("gold trials need a question with a known answer: an id containing 'style' (the stylized output is right) or 'content', 'photo', 'realism' (the unstylized photo is right)");
        if ((long)assignments * trialsPerAssignment > 10_000_000)
            throw new ArgumentException($"{assignments} assignments × {trialsPerAssignment} trials is more than 10,000,000 trials");
        _conditions = conditions;
        _groups = groups;
        _questionGold = questionGold;
        _assignments = assignments;
        _trials = trialsPerAssignment;
        _repeats = repeats;
        _gold = gold;
        _seed = seed;
    }

    public int Assignments => _assignments;

    public int TestTrialsPerAssignment => _trials - _repeats - _gold;

    public int TotalTestTrials => _assignments * TestTrialsPerAssignment;

    /// <summary>Whether pairs and sides balance exactly (the test trials fill whole rounds).</summary>
    public bool IsExactlyBalanced => TotalTestTrials % (_conditions * (_conditions - 1)) == 0;

    /// <summary>The trials of one assignment, in the order shown.</summary>
    public IReadOnlyList<PlannedTrial> Assignment(int assignment)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(assignment);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(assignment, _assignments);
        var tests = TestTrials();
        var random = new StudyRandom(_seed, $"assignment-{assignment}");
        int perAssignment = TestTrialsPerAssignment;
        var trials = new List<PlannedTrial>(_trials);
        for (int i = 0; i < perAssignment; i++)
        {
            var t = tests[assignment * perAssignment + i];
            trials.Add(new PlannedTrial(TrialKind.Test, t.Group, t.Question, t.Left, t.Right));
        }
        trials.AddRange(GoldTrials(assignment, random));
        random.Shuffle(trials);
        var originals = InsertRepeats(trials, random);
        // Positions are final now: repeats point at their originals by position.
        return trials.Select(t => originals.TryGetValue(t, out var original) ? t with { RepeatOf = IndexOf(trials, original) } : t).ToList();
    }

    static int IndexOf(List<PlannedTrial> trials, PlannedTrial trial) => trials.FindIndex(t => ReferenceEquals(t, trial));

    IEnumerable<PlannedTrial> GoldTrials(int assignment, StudyRandom random)
    {
        if (_gold == 0) yield break;
        var sides = Enumerable.Range(0, _gold).Select(j => (j + assignment) % 2 == 0 ? Side.Left : Side.Right).ToList();
        random.Shuffle(sides);
        var groups = Enumerable.Range(0, _groups).ToArray();
        random.Shuffle(groups);
        for (int j = 0; j < _gold; j++)
        {
            // Over the study's gold trials t = 0, 1, …: every k·q consecutive ones use each (condition, gold question)
            // once, and the gold trials of one assignment differ in condition, question and content × style where they can.
            long t = (long)assignment * _gold + j;
            int condition = (int)(t % _conditions);
            int question = _goldQuestions[(condition + t / _conditions) % _goldQuestions.Length];
            int group = groups[j % _groups];
            var correct = sides[j];
            bool outputIsCorrect = _questionGold[question] == GoldRule.Output;
            var outputSide = outputIsCorrect ? correct : Opposite(correct);
            yield return outputSide == Side.Left
                ? new PlannedTrial(TrialKind.Gold, group, question, condition, PlannedTrial.UnstylizedContent) { GoldAnswer = correct }
                : new PlannedTrial(TrialKind.Gold, group, question, PlannedTrial.UnstylizedContent, condition) { GoldAnswer = correct };
        }
    }

    /// <summary>Inserts the repeats; returns each repeat's original.</summary>
    Dictionary<PlannedTrial, PlannedTrial> InsertRepeats(List<PlannedTrial> trials, StudyRandom random)
    {
        var repeats = new Dictionary<PlannedTrial, PlannedTrial>(ReferenceEqualityComparer.Instance);
        if (_repeats == 0) return repeats;
        var candidates = Enumerable.Range(0, trials.Count - 1).Where(i => trials[i].Kind == TrialKind.Test).ToList();
        random.Shuffle(candidates);
        var originals = candidates.Take(_repeats).Order().Select(i => trials[i]).ToList();
        foreach (var original in originals)
        {
            int position = IndexOf(trials, original);
            // At least one other trial between the original and its repeat.
            int insertAt = position + 2 + random.NextInt(trials.Count - (position + 2) + 1);
            var repeat = new PlannedTrial(TrialKind.Repeat, original.Group, original.Question, original.Right, original.Left);
            repeats[repeat] = original;
            trials.Insert(insertAt, repeat);
        }
        return repeats;
    }

    static Side Opposite(Side side) => side == Side.Left ? Side.Right : Side.Left;

    /// <summary>
    /// Every test trial of the study (assignment a takes the a-th slice): one compact entry per trial, the only
    /// part of the design held for the whole study.
    /// </summary>
    IReadOnlyList<(int Group, int Left, int Right, int Question)> TestTrials()
    {
        if (_tests is not null) return _tests;
        int total = TotalTestTrials;
        var random = new StudyRandom(_seed, "design");
        var oriented = OrientedPairs(_conditions);
        int combinations = _groups * _questionGold.Count;
        var order = Enumerable.Range(0, combinations).ToArray();
        var tests = new List<(int, int, int, int)>(total);
        for (long round = 0; tests.Count < total; round++)
        {
            if (round % combinations == 0) random.Shuffle(order);
            int combination = order[round % combinations];
            int group = combination / _questionGold.Count, question = combination % _questionGold.Count;
            var pairs = oriented.ToArray();
            random.Shuffle(pairs);
            foreach (var (a, b) in pairs)
                if (tests.Count < total) tests.Add((group, a, b, question));
            foreach (var (a, b) in pairs)
                if (tests.Count < total) tests.Add((group, b, a, question));
        }
        random.Shuffle(tests);
        return _tests = tests;
    }

    /// <summary>
    /// Each unordered pair once, oriented as a near-regular tournament: i is left of j when (j − i) mod k is in
    /// 1..⌊(k−1)/2⌋ (for even k, the opposite pairs i, i + k/2 put the lower index on the left), so every condition is
    /// on the left for (k−1)/2 of its pairs (odd k) or k/2 − 1 or k/2 of them (even k).
    /// </summary>
    public static IReadOnlyList<(int Left, int Right)> OrientedPairs(int conditions)
    {
        var pairs = new List<(int, int)>();
        for (int i = 0; i < conditions; i++)
        for (int j = i + 1; j < conditions; j++)
        {
            int d = j - i;
            bool iLeft = conditions % 2 == 0 && 2 * d == conditions ? true : d <= (conditions - 1) / 2;
            pairs.Add(iLeft ? (i, j) : (j, i));
        }
        return pairs;
    }
}
