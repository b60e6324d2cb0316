using System.Text.Json;
using System.Text.Json.Serialization;
using StyleTransfer.Studies.Analysis;
using StyleTransfer.Studies.Formats;

namespace StyleTransfer.Studies.Report;

/// <summary>
/// <c>analysis.json</c>: the analysis's numbers for other tools. Numbers that do not exist (a pair never compared,
/// a condition cut off from the reference) are null.
/// </summary>
public static class AnalysisJson
{
    public static readonly JsonSerializerOptions Options = new(StudyJson.Options)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public sealed record Document(string Study, string Reference, double Confidence, int BootstrapResamples, int Seed,
        QualityCriteria Criteria, int AnswerSets, int Answers, IReadOnlyList<RaterQuality> Raters,
        IReadOnlyList<Question> Questions, IReadOnlyList<string> Problems);

    public sealed record Question(string Id, string Text, int Answers, int Raters, IReadOnlyList<Score> Scores,
        IReadOnlyList<Pair> Pairs, bool Regularized, double? Alpha, double? ObservedAgreement, int AgreementUnits);

    public sealed record Score(string Condition, double? Value, double? Low, double? High, int Wins, int Comparisons);

    public sealed record Pair(string A, string B, int AWins, int Total, double? Rate, double? Low, double? High);

    public static Document From(AnalysisResult r) => new(
        r.Definition.StudyId, r.Reference, r.Options.Confidence, r.Options.BootstrapResamples, r.Options.Seed,
        r.Options.Criteria, r.AnswerSets, r.Answers, r.Raters,
        r.Questions.Select(q => new Question(q.Question, q.Text, q.Answers, q.Raters,
            q.Scores.Select(s => new Score(s.Condition, N(s.Score), N(s.Low), N(s.High), s.Wins, s.Comparisons)).ToList(),
            q.Pairs.Select(p => new Pair(p.A, p.B, p.AWins, p.Total, N(p.Rate), N(p.Low), N(p.High))).ToList(),
            q.Regularized, N(q.Agreement.Alpha), N(q.Agreement.ObservedAgreement), q.Agreement.Units)).ToList(),
        r.Problems.Select(p => p.ToString()).ToList());

    static double? N(double value) => double.IsFinite(value) ? value : null;
}
