using System.Text.Json;
using StyleTransfer.Studies.Analysis;
using StyleTransfer.Studies.Formats;

namespace StyleTransfer.Studies.Tests.Support;

/// <summary>
/// A small balanced forced-choice design for tests (the real one is <c>study create</c>'s): every question ×
/// content × style × pair of conditions is shown equally often, dealt to assignments in a shuffled order with sides
/// alternating; each assignment ends with repeats of some of its test trials (sides swapped) and gold trials (an
/// output against the unstylized content; the output is the gold answer).
/// </summary>
public static class TestStudy
{
    public static StudyKeyData Build(
        string[] conditions, int assignments = 10, int testTrials = 24, int repeats = 8, int gold = 8,
        int contents = 2, int styles = 2, string[]? questions = null, int seed = 7, string studyId = "test-study")
    {
        var random = new Random(seed);
        string NewId() => Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64()))[..12];
        questions ??= ["style"];
        var contentNames = Enumerable.Range(1, contents).Select(i => $"content{i}.png").ToList();
        var styleNames = Enumerable.Range(1, styles).Select(i => $"style{i}.png").ToList();
        var images = new List<ImageKey>();
        var outputIds = new Dictionary<(string, string, string), string>();
        var contentIds = new Dictionary<string, string>();
        foreach (var c in contentNames)
        {
            contentIds[c] = NewId();
            images.Add(new ImageKey(contentIds[c], StudyImageKind.Content, c, "", null));
        }
        foreach (var s in styleNames) images.Add(new ImageKey(NewId(), StudyImageKind.Style, "", s, null));
        foreach (var condition in conditions)
        foreach (var c in contentNames)
        foreach (var s in styleNames)
        {
            outputIds[(condition, c, s)] = NewId();
            images.Add(new ImageKey(outputIds[(condition, c, s)], StudyImageKind.Output, c, s, condition));
        }

        var combos = new List<(string Q, string C, string S, string A, string B)>();
        foreach (var q in questions)
        foreach (var c in contentNames)
        foreach (var s in styleNames)
            for (int i = 0; i < conditions.Length; i++)
            for (int j = i + 1; j < conditions.Length; j++)
                combos.Add((q, c, s, conditions[i], conditions[j]));
        var order = new List<(string Q, string C, string S, string A, string B)>();
        while (order.Count < assignments * testTrials) order.AddRange(combos.OrderBy(_ => random.Next()));

        var trials = new List<TrialKey>();
        int dealt = 0;
        for (int a = 0; a < assignments; a++)
        {
            var assignment = $"a{a + 1:000}";
            var own = new List<TrialKey>();
            for (int t = 0; t < testTrials; t++, dealt++)
            {
                var (q, c, s, x, y) = order[dealt];
                if (dealt % 2 == 1) (x, y) = (y, x);
                own.Add(new TrialKey(assignment, own.Count, NewId(), q, TrialKind.Test, c, s,
                    new TrialSide(outputIds[(x, c, s)], x), new TrialSide(outputIds[(y, c, s)], y)));
            }
            foreach (var first in own.Take(testTrials).OrderBy(_ => random.Next()).Take(repeats).ToList())
                own.Add(first with { Index = own.Count, TrialId = NewId(), Kind = TrialKind.Repeat, Left = first.Right, Right = first.Left, RepeatOf = first.TrialId });
            for (int g = 0; g < gold; g++)
            {
                var c = contentNames[random.Next(contents)];
                var s = styleNames[random.Next(styles)];
                var condition = conditions[random.Next(conditions.Length)];
                var output = new TrialSide(outputIds[(condition, c, s)], condition);
                var content = new TrialSide(contentIds[c], null);
                bool outputLeft = g % 2 == 0;
                own.Add(new TrialKey(assignment, own.Count, NewId(), questions[0], TrialKind.Gold, c, s,
                    outputLeft ? output : content, outputLeft ? content : output, GoldAnswer: outputLeft ? Side.Left : Side.Right));
            }
            trials.AddRange(own);
        }
        var definition = new StudyDefinition(studyId, seed,
            conditions.Select(c => new StudyCondition(c, "gatys", new Dictionary<string, string>())).ToList(),
            questions.Select(q => new StudyQuestion(q, $"Which image is better ({q})?")).ToList(),
            contentNames, styleNames, assignments, testTrials + repeats + gold, repeats, gold, 1.0);
        return new StudyKeyData(definition, images, trials);
    }

    /// <summary>Writes the key files of <paramref name="key"/> under <paramref name="studyFolder"/>/key.</summary>
    public static void WriteKey(StudyKeyData key, string studyFolder)
    {
        Directory.CreateDirectory(Path.Combine(studyFolder, StudyLayout.Key));
        File.WriteAllText(Path.Combine(studyFolder, StudyLayout.Definition), JsonSerializer.Serialize(key.Definition, StudyJson.Options));
        File.WriteAllLines(Path.Combine(studyFolder, StudyLayout.ImageKeys), key.Images.Select(i => JsonSerializer.Serialize(i, StudyJson.Options)));
        File.WriteAllLines(Path.Combine(studyFolder, StudyLayout.TrialKeys), key.Trials.Select(t => JsonSerializer.Serialize(t, StudyJson.Options)));
    }

    /// <summary>The true strengths the tests simulate with: conditions in order get β = 0, step, 2·step, …</summary>
    public static Dictionary<string, double> Strengths(string[] conditions, double step = 0.6) =>
        conditions.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i * step);
}
