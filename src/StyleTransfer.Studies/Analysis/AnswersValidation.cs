using StyleTransfer.Studies.Formats;

namespace StyleTransfer.Studies.Analysis;

/// <summary>Checks that deserialized answers have the fields the analysis needs; returns what is missing.</summary>
static class AnswersValidation
{
    public static string? Problem(AssignmentAnswers? answers)
    {
        if (answers is null) return "empty (null) answers";
        if (string.IsNullOrWhiteSpace(answers.Study)) return "answers without \"study\"";
        if (string.IsNullOrWhiteSpace(answers.Assignment)) return "answers without \"assignment\"";
        if (answers.Answers is null) return "answers without the \"answers\" list";
        for (int i = 0; i < answers.Answers.Count; i++)
        {
            var a = answers.Answers[i];
            if (a is null || string.IsNullOrWhiteSpace(a.Trial) || a.Left is null || a.Right is null)
                return $"answer {i + 1} lacks its trial or image ids";
        }
        return null;
    }
}
