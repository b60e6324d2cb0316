using System.Text;
using System.Text.Json;
using StyleTransfer.Storage;
using StyleTransfer.Studies.Blinding;
using StyleTransfer.Studies.Design;
using StyleTransfer.Studies.Export;
using StyleTransfer.Studies.Formats;

namespace StyleTransfer.Studies.Packaging;

/// <summary>
/// Writes a study package through a result store (a local folder or a blob container), under <c>prefix</c>:
/// <list type="bullet">
/// <item>public/images/&lt;id&gt;.png: every image under a random id; all images of one content × style (each
/// condition's output, the content, the style padded to the same aspect) the same size and PNG, no metadata;</item>
/// <item>public/assignments/&lt;id&gt;.html, public/index.html, public/crowd/batch.csv and template.html;</item>
/// <item>key/study.json, key/images.jsonl, key/trials.jsonl: what every id is.</item>
/// </list>
/// Assignments are designed, written and forgotten one at a time; the design keeps one small entry per test trial,
/// and the key files (≈300 bytes per trial) and the batch CSV are buffered until their single atomic commit.
/// </summary>
public static class StudyPackageWriter
{
    static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();

    public static async Task<StudyPackageSummary> WriteAsync(StudyDefinition definition, IStudyImageSource source,
        IResultStore store, string prefix, StudyPackageOptions options, CancellationToken cancellationToken = default)
    {
        var design = new StudyDesign(definition.Conditions.Count, definition.Contents.Count * definition.Styles.Count,
            definition.Questions.Select(q => GoldRules.For(q.Id)).ToList(), definition.Assignments,
            definition.TrialsPerAssignment, definition.RepeatsPerAssignment, definition.GoldPerAssignment, definition.Seed);
        string Name(string relative) => prefix.Length == 0 ? relative : $"{prefix.TrimEnd('/')}/{relative}";

        var images = await WriteImagesAsync(definition, source, store, Name, options, cancellationToken);
        await store.CommitAsync(Name(StudyLayout.Definition), JsonSerializer.SerializeToUtf8Bytes(definition, StudyJson.Options), NoMetadata, cancellationToken);

        var questions = definition.Questions.Select((q, i) => new PublicQuestion(PublicQuestion.CodeOf(i), q.Text)).ToList();
        var publicUrl = options.PublicUrl is { Length: > 0 } url ? url.TrimEnd('/') + "/" : "";
        var batch = new CrowdBatch(publicUrl);
        var keys = new MemoryStream();
        var trialIds = new HashSet<string>(StringComparer.Ordinal);
        var idRandom = new StudyRandom(definition.Seed, "trial-ids");
        var balance = new Balance(definition.Conditions);
        int width = Math.Max(3, definition.Assignments.ToString().Length);
        var assignmentIds = new List<string>(definition.Assignments);
        int trials = 0, repeats = 0, gold = 0;

        for (int a = 0; a < definition.Assignments; a++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var assignmentId = $"a{(a + 1).ToString().PadLeft(width, '0')}";
            assignmentIds.Add(assignmentId);
            var planned = design.Assignment(a);
            var ids = new string[planned.Count];
            var shown = new List<PublicTrial>(planned.Count);
            for (int i = 0; i < planned.Count; i++)
            {
                var trial = planned[i];
                string id;
                do id = idRandom.NextId(); while (!trialIds.Add(id));
                ids[i] = id;
                int content = trial.Group / definition.Styles.Count, style = trial.Group % definition.Styles.Count;
                string ImageOf(int side) => side == PlannedTrial.UnstylizedContent ? images.Content[trial.Group] : images.Outputs[trial.Group][side];
                string? ConditionOf(int side) => side == PlannedTrial.UnstylizedContent ? null : definition.Conditions[side].Name;
                var key = new TrialKey(assignmentId, i, id, definition.Questions[trial.Question].Id, trial.Kind,
                    definition.Contents[content], definition.Styles[style],
                    new TrialSide(ImageOf(trial.Left), ConditionOf(trial.Left)),
                    new TrialSide(ImageOf(trial.Right), ConditionOf(trial.Right)),
                    trial.RepeatOf >= 0 ? ids[trial.RepeatOf] : null,
                    trial.GoldAnswer);
                JsonSerializer.Serialize(keys, key, StudyJson.Options);
                keys.WriteByte((byte)'\n');
                shown.Add(new PublicTrial(id, PublicQuestion.CodeOf(trial.Question), images.Content[trial.Group],
                    images.Style[trial.Group], key.Left.ImageId, key.Right.ImageId));
                switch (trial.Kind)
                {
                    case TrialKind.Test: balance.Add(trial.Left, trial.Right); break;
                    case TrialKind.Repeat: repeats++; break;
                    case TrialKind.Gold: gold++; break;
                }
            }
            trials += planned.Count;
            var page = new PublicAssignment(definition.StudyId, assignmentId, "../images/", definition.MinSecondsPerTrial,
                options.PostUrl, questions, shown);
            await store.CommitAsync(Name($"{StudyLayout.Assignments}/{assignmentId}.html"), Encoding.UTF8.GetBytes(StudyPages.Assignment(page)),
                NoMetadata, cancellationToken);
            batch.Add(definition.StudyId, assignmentId, shown);
        }

        await store.CommitAsync(Name(StudyLayout.TrialKeys), keys.ToArray(), NoMetadata, cancellationToken);
        await store.CommitAsync(Name(StudyLayout.CrowdBatch), batch.ToBytes(), NoMetadata, cancellationToken);
        await store.CommitAsync(Name(StudyLayout.CrowdTemplate), Encoding.UTF8.GetBytes(StudyPages.CrowdTemplate(definition.MinSecondsPerTrial, questions)),
            NoMetadata, cancellationToken);
        await store.CommitAsync(Name(StudyLayout.Index), Encoding.UTF8.GetBytes(StudyPages.Index(definition.StudyId, assignmentIds)), NoMetadata, cancellationToken);

        return new StudyPackageSummary(definition.StudyId, images.Count, definition.Assignments, trials, balance.Total, repeats, gold,
            design.IsExactlyBalanced, balance.Pairs, balance.Left, balance.Right);
    }

    sealed record ImageIds(string[][] Outputs, string[] Content, string[] Style, int Count);

    /// <summary>Every image under a random id, a content × style at a time (several at once); key/images.jsonl in group order.</summary>
    static async Task<ImageIds> WriteImagesAsync(StudyDefinition definition, IStudyImageSource source, IResultStore store,
        Func<string, string> name, StudyPackageOptions options, CancellationToken cancellationToken)
    {
        int groups = definition.Contents.Count * definition.Styles.Count, conditions = definition.Conditions.Count;
        // Ids are drawn in a fixed order first, so parallel writing cannot change them.
        var random = new StudyRandom(definition.Seed, "images");
        var used = new HashSet<string>(StringComparer.Ordinal);
        string NewId()
        {
            string id;
            do id = random.NextId(); while (!used.Add(id));
            return id;
        }
        var outputs = new string[groups][];
        var content = new string[groups];
        var style = new string[groups];
        for (int g = 0; g < groups; g++)
        {
            outputs[g] = Enumerable.Range(0, conditions).Select(_ => NewId()).ToArray();
            content[g] = NewId();
            style[g] = NewId();
        }

        var lines = new string[groups];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.Parallelism > 0 ? options.Parallelism : Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };
        await Parallel.ForAsync(0, groups, parallel, async (g, token) =>
        {
            int c = g / definition.Styles.Count, s = g % definition.Styles.Count;
            string contentName = definition.Contents[c], styleName = definition.Styles[s];
            var raw = new byte[conditions][];
            for (int k = 0; k < conditions; k++) raw[k] = await source.OutputAsync(k, c, s, token);
            var sizes = raw.Select((bytes, k) => BlindImage.Identify(bytes, $"output of condition {definition.Conditions[k].Name} for {contentName} × {styleName}")).ToList();
            // The smallest output's size (outputs of one content differ by rounding, or by a condition's own --size).
            var size = sizes.OrderBy(z => (long)z.Width * z.Height).First();
            var keys = new StringBuilder();
            void Key(ImageKey key) => keys.Append(JsonSerializer.Serialize(key, StudyJson.Options)).Append('\n');
            for (int k = 0; k < conditions; k++)
            {
                var what = $"output of condition {definition.Conditions[k].Name} for {contentName} × {styleName}";
                await Commit(outputs[g][k], BlindImage.Resized(raw[k], size, what), token);
                Key(new ImageKey(outputs[g][k], StudyImageKind.Output, contentName, styleName, definition.Conditions[k].Name));
            }
            await Commit(content[g], BlindImage.Resized(await source.ContentAsync(c, token), size, $"content image {contentName}"), token);
            Key(new ImageKey(content[g], StudyImageKind.Content, contentName, styleName, null));
            await Commit(style[g], BlindImage.Padded(await source.StyleAsync(s, token), size, $"style image {styleName}"), token);
            Key(new ImageKey(style[g], StudyImageKind.Style, contentName, styleName, null));
            lines[g] = keys.ToString();
        });
        await store.CommitAsync(name(StudyLayout.ImageKeys), Encoding.UTF8.GetBytes(string.Concat(lines)), NoMetadata, cancellationToken);
        return new ImageIds(outputs, content, style, groups * (conditions + 2));

        Task Commit(string id, byte[] png, CancellationToken token) =>
            store.CommitAsync(name($"{StudyLayout.Images}/{id}.png"), png, NoMetadata, token);
    }

    /// <summary>Counts of test trials per pair and per side.</summary>
    sealed class Balance(IReadOnlyList<StudyCondition> conditions)
    {
        public Dictionary<string, int> Pairs { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> Left { get; } = conditions.ToDictionary(c => c.Name, _ => 0, StringComparer.Ordinal);
        public Dictionary<string, int> Right { get; } = conditions.ToDictionary(c => c.Name, _ => 0, StringComparer.Ordinal);
        public int Total { get; private set; }

        public void Add(int left, int right)
        {
            Total++;
            Left[conditions[left].Name]++;
            Right[conditions[right].Name]++;
            var pair = $"{conditions[Math.Min(left, right)].Name}|{conditions[Math.Max(left, right)].Name}";
            Pairs[pair] = Pairs.GetValueOrDefault(pair) + 1;
        }
    }
}
