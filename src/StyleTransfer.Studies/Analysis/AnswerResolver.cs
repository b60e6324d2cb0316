using StyleTransfer.Studies.Formats;

namespace StyleTransfer.Studies.Analysis;

/// <summary>
/// Matches loaded answers to the key's trials. Skipped and reported (once per source, with examples): answers of
/// another study, answers naming trials the key does not have, answers whose images or question are not the trial's,
/// and a rater's second answer to a trial they already answered.
/// </summary>
public static class AnswerResolver
{
    public static List<ResolvedAnswer> Resolve(StudyKeyData key, IEnumerable<LoadedAnswers> sets, ICollection<InputProblem> problems)
    {
        var byTrialId = key.Trials.GroupBy(t => t.TrialId).ToDictionary(g => g.Key, g => g.ToList());
        var seen = new HashSet<(string Rater, string Assignment, string Trial)>();
        var resolved = new List<ResolvedAnswer>();
        foreach (var set in sets)
        {
            var answers = set.Answers;
            if (!string.Equals(answers.Study, key.Definition.StudyId, StringComparison.Ordinal))
            {
                problems.Add(new InputProblem(set.Source, set.Line,
                    $"answers of study \"{answers.Study}\", not \"{key.Definition.StudyId}\"; skipped"));
                continue;
            }
            var unknown = new List<string>();
            var wrongImages = new List<string>();
            var wrongQuestion = new List<string>();
            int duplicates = 0;
            foreach (var answer in answers.Answers)
            {
                if (!byTrialId.TryGetValue(answer.Trial, out var candidates))
                {
                    unknown.Add(answer.Trial);
                    continue;
                }
                var trial = candidates.Count == 1 ? candidates[0]
                    : candidates.FirstOrDefault(t => t.AssignmentId == answers.Assignment) ?? candidates[0];
                bool sameImages = (answer.Left == trial.Left.ImageId && answer.Right == trial.Right.ImageId)
                                  || (answer.Left == trial.Right.ImageId && answer.Right == trial.Left.ImageId);
                if (!sameImages)
                {
                    wrongImages.Add(answer.Trial);
                    continue;
                }
                if (!string.IsNullOrEmpty(answer.Question) && answer.Question != trial.Question)
                {
                    wrongQuestion.Add(answer.Trial);
                    continue;
                }
                if (!seen.Add((set.Rater, trial.AssignmentId, trial.TrialId)))
                {
                    duplicates++;
                    continue;
                }
                var chosenImage = answer.Choice == Side.Left ? answer.Left : answer.Right;
                var (chosen, other) = chosenImage == trial.Left.ImageId ? (trial.Left, trial.Right) : (trial.Right, trial.Left);
                bool? goldCorrect = trial.Kind == TrialKind.Gold && trial.GoldAnswer is { } gold
                    ? (gold == Side.Left ? trial.Left : trial.Right).ImageId == chosen.ImageId
                    : null;
                resolved.Add(new ResolvedAnswer(set.Rater, trial, chosen, other, goldCorrect, answer.Milliseconds));
            }
            Report(problems, set, unknown, "name trials that are not in the key");
            Report(problems, set, wrongImages, "show images that are not their trial's");
            Report(problems, set, wrongQuestion, "name another question than their trial's");
            if (duplicates > 0)
                problems.Add(new InputProblem(set.Source, set.Line,
                    $"{duplicates} answer{(duplicates == 1 ? "" : "s")} of rater {set.Rater} to trials they had already answered; skipped"));
        }
        return resolved;
    }

    static void Report(ICollection<InputProblem> problems, LoadedAnswers set, List<string> trials, string what)
    {
        if (trials.Count == 0) return;
        var examples = string.Join(", ", trials.Take(3)) + (trials.Count > 3 ? ", …" : "");
        problems.Add(new InputProblem(set.Source, set.Line,
            $"{trials.Count} answer{(trials.Count == 1 ? "" : "s")} {what} ({examples}); skipped"));
    }
}
