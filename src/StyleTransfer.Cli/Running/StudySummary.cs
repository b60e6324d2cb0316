using StyleTransfer.Storage;
using StyleTransfer.Studies.Formats;
using StyleTransfer.Studies.Packaging;

namespace StyleTransfer.Cli.Running;

/// <summary>What <c>study create</c> prints once the package is written: counts, balance, where public and key are.</summary>
public static class StudySummary
{
    public static void Write(TextWriter output, StudyPackageSummary summary, StudyDefinition definition, IResultStore store, string prefix, TimeSpan elapsed)
    {
        output.WriteLine($"Study package {summary.StudyId}: {summary.Images} images, {summary.Assignments} assignments × {definition.TrialsPerAssignment} trials "
            + $"({summary.TestTrials} test, {summary.RepeatTrials} repeats, {summary.GoldTrials} gold) in {elapsed.TotalSeconds:F1} s");
        var pairs = summary.PairCounts.Values;
        output.WriteLine(summary.ExactlyBalanced
            ? $"Balance: exact ({pairs.First()} test trials per pair; every condition {summary.LeftCounts.Values.First()} times on each side)"
            : $"Balance: {summary.TestTrials} test trials do not fill whole rounds of {definition.Conditions.Count * (definition.Conditions.Count - 1)}; "
              + $"per pair {pairs.Min()}–{pairs.Max()}, left/right per condition: "
              + string.Join(", ", summary.LeftCounts.Select(l => $"{l.Key} {l.Value}/{summary.RightCounts[l.Key]}")));
        string Where(string relative) => store is LocalFolderResultStore local
            ? Path.Combine(local.RootPath, relative)
            : $"{store.Describe()} {(prefix.Length == 0 ? relative : $"{prefix}/{relative}")}";
        output.WriteLine($"Public (publish as is): {Where(StudyLayout.Public)}  (open {StudyLayout.Index})");
        output.WriteLine($"Key (keep private): {Where(StudyLayout.Key)}");
    }
}
