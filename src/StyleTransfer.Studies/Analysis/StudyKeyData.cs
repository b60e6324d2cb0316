using System.Text.Json;
using StyleTransfer.Studies.Formats;

namespace StyleTransfer.Studies.Analysis;

/// <summary>
/// The private key of a study as the analysis needs it: <c>study.json</c>, <c>images.jsonl</c> and
/// <c>trials.jsonl</c>. A malformed line of a JSON-lines file is reported and skipped; a missing or unreadable
/// <c>study.json</c> or <c>trials.jsonl</c> is fatal (<see cref="StudyInputException"/>).
/// </summary>
public sealed record StudyKeyData(StudyDefinition Definition, IReadOnlyList<ImageKey> Images, IReadOnlyList<TrialKey> Trials)
{
    /// <summary>Reads the key files from <paramref name="keyFolder"/> (the study's <c>key/</c> folder).</summary>
    public static StudyKeyData Load(string keyFolder, ICollection<InputProblem> problems)
    {
        if (!Directory.Exists(keyFolder)) throw new StudyInputException($"{keyFolder}: no such key folder");
        var definitionPath = Path.Combine(keyFolder, Path.GetFileName(StudyLayout.Definition));
        if (!File.Exists(definitionPath)) throw new StudyInputException($"{definitionPath}: not found (is {keyFolder} a study's key folder?)");
        StudyDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize<StudyDefinition>(File.ReadAllText(definitionPath), StudyJson.Options);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new StudyInputException($"{definitionPath}: cannot read the study definition ({e.Message})");
        }
        if (definition is null || definition.Conditions is null || definition.Questions is null || definition.Conditions.Count < 2)
            throw new StudyInputException($"{definitionPath}: a study definition needs at least two conditions and its questions");

        var trialsPath = Path.Combine(keyFolder, Path.GetFileName(StudyLayout.TrialKeys));
        if (!File.Exists(trialsPath)) throw new StudyInputException($"{trialsPath}: not found");
        var trials = ReadLines<TrialKey>(trialsPath, problems, t => t.TrialId is not null && t.Left is not null && t.Right is not null
            && t.Question is not null && t.AssignmentId is not null);
        if (trials.Count == 0) throw new StudyInputException($"{trialsPath}: no trials");

        var imagesPath = Path.Combine(keyFolder, Path.GetFileName(StudyLayout.ImageKeys));
        var images = File.Exists(imagesPath) ? ReadLines<ImageKey>(imagesPath, problems, i => i.Id is not null) : [];
        return new StudyKeyData(definition, images, trials);
    }

    static List<T> ReadLines<T>(string path, ICollection<InputProblem> problems, Func<T, bool> complete) where T : class
    {
        var items = new List<T>();
        long number = 0;
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                number++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                try
                {
                    var item = JsonSerializer.Deserialize<T>(line, StudyJson.Options);
                    if (item is null || !complete(item)) problems.Add(new InputProblem(path, number, $"not a complete {typeof(T).Name} record"));
                    else items.Add(item);
                }
                catch (JsonException e)
                {
                    problems.Add(new InputProblem(path, number, $"invalid JSON ({e.Message})"));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StudyInputException($"{path}: cannot read ({e.Message})");
        }
        return items;
    }
}
