using System.Text;
using System.Text.Json;
using SixLabors.ImageSharp;
using StyleTransfer.Storage;
using StyleTransfer.Studies.Export;
using StyleTransfer.Studies.Formats;
using StyleTransfer.Studies.Packaging;

namespace StyleTransfer.Studies.Tests;

public sealed class PackageTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("studies-package-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    async Task<(string Folder, StudyPackageSummary Summary)> WriteAsync(string name, SyntheticStudy study, StudyPackageOptions? options = null)
    {
        var folder = Path.Combine(_root, name);
        var summary = await StudyPackageWriter.WriteAsync(study.Definition, study, new LocalFolderResultStore(folder), "", options ?? new());
        return (folder, summary);
    }

    static List<T> Lines<T>(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<T>(l, StudyJson.Options)!).ToList();

    [Fact]
    public async Task Nothing_in_the_public_package_names_a_condition_method_option_value_or_source_file()
    {
        // The synthetic images carry every secret in Exif and PNG text chunks; the key must have them, public nothing.
        var (folder, _) = await WriteAsync("p", new SyntheticStudy(conditions: 3, questions: ["style", "questionidsecret"]), new StudyPackageOptions(PostUrl: "https://example.org/answers"));
        var publicFiles = Directory.GetFiles(Path.Combine(folder, StudyLayout.Public), "*", SearchOption.AllDirectories);
        Assert.True(publicFiles.Length > 20);
        foreach (var file in publicFiles)
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var secret in SyntheticStudy.Secrets)
                Assert.True(IndexOf(bytes, Encoding.UTF8.GetBytes(secret)) < 0, $"{Path.GetRelativePath(folder, file)} contains '{secret}'");
            Assert.DoesNotContain("questionidsecret", Encoding.UTF8.GetString(bytes)); // question ids stay in the key
        }
        var key = string.Concat(Directory.GetFiles(Path.Combine(folder, StudyLayout.Key)).Select(File.ReadAllText));
        Assert.All(SyntheticStudy.Secrets.Except(["7919", "104729", "3"]), s => Assert.Contains(s, key));
        // Image files are named by their random id only.
        Assert.All(Directory.GetFiles(Path.Combine(folder, StudyLayout.Images), "*.png"),
            f => Assert.Matches("^[0-9a-f]{16}\\.png$", Path.GetFileName(f)));
    }

    [Fact]
    public async Task Images_of_a_trial_are_pngs_of_one_size_without_metadata()
    {
        var (folder, summary) = await WriteAsync("p", new SyntheticStudy(conditions: 3));
        var trials = Lines<TrialKey>(Path.Combine(folder, StudyLayout.TrialKeys));
        var images = Lines<ImageKey>(Path.Combine(folder, StudyLayout.ImageKeys)).ToDictionary(i => i.Id);
        Assert.Equal(summary.Images, images.Count);
        Assert.Equal(2 * (3 + 2), images.Count);
        Size SizeOf(string id)
        {
            var bytes = File.ReadAllBytes(Path.Combine(folder, StudyLayout.Images, id + ".png"));
            var info = Image.Identify(bytes, out var format);
            Assert.Equal("PNG", format.Name);
            Assert.Null(info.Metadata.ExifProfile);
            Assert.Null(info.Metadata.XmpProfile);
            Assert.Null(info.Metadata.IptcProfile);
            Assert.Empty(info.Metadata.GetPngMetadata().TextData);
            return new Size(info.Width, info.Height);
        }
        foreach (var trial in trials)
        {
            var group = images.Values.Where(i => i.Content == trial.Content && i.Style == trial.Style).ToList();
            var size = SizeOf(trial.Left.ImageId);
            Assert.Equal(size, SizeOf(trial.Right.ImageId));
            Assert.All(group, i => Assert.Equal(size, SizeOf(i.Id)));
            // The smallest output's size (condition 0: 48×36).
            Assert.Equal(new Size(48, 36), size);
            Assert.Equal(trial.Content, images[trial.Left.ImageId].Content);
            Assert.Equal(trial.Left.Condition, images[trial.Left.ImageId].Condition);
        }
    }

    [Fact]
    public async Task The_same_seed_gives_byte_identical_files_and_another_seed_other_ones()
    {
        var (a, _) = await WriteAsync("a", new SyntheticStudy(seed: 9));
        var (b, _) = await WriteAsync("b", new SyntheticStudy(seed: 9));
        var (c, _) = await WriteAsync("c", new SyntheticStudy(seed: 10));
        static Dictionary<string, byte[]> Files(string folder) => Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes);
        var (fa, fb, fc) = (Files(a), Files(b), Files(c));
        Assert.Equal(fa.Keys.Order(), fb.Keys.Order());
        Assert.All(fa, f => Assert.True(f.Value.AsSpan().SequenceEqual(fb[f.Key]), $"{f.Key} differs"));
        Assert.NotEqual(File.ReadAllText(Path.Combine(a, StudyLayout.TrialKeys)), File.ReadAllText(Path.Combine(c, StudyLayout.TrialKeys)));
        Assert.NotEqual(fa.Keys.Where(k => k.StartsWith("public/images")).Order(), fc.Keys.Where(k => k.StartsWith("public/images")).Order());
    }

    [Fact]
    public async Task Pages_key_and_batch_agree_on_every_trial()
    {
        var study = new SyntheticStudy(assignments: 5, trials: 8, repeats: 1, gold: 1, questions: ["style", "taste"]);
        var (folder, summary) = await WriteAsync("p", study, new StudyPackageOptions(PublicUrl: "https://cdn.example.org/s1"));
        var trials = Lines<TrialKey>(Path.Combine(folder, StudyLayout.TrialKeys));
        Assert.Equal(40, trials.Count);
        Assert.Equal(40, summary.Trials);
        Assert.Equal(trials.Count, trials.Select(t => t.TrialId).Distinct().Count());
        var csv = File.ReadAllLines(Path.Combine(folder, StudyLayout.CrowdBatch));
        Assert.Equal("assignment,study,pageUrl,imageBase,trials", csv[0]);
        Assert.Equal(6, csv.Length);
        foreach (var assignment in trials.GroupBy(t => t.AssignmentId))
        {
            var html = File.ReadAllText(Path.Combine(folder, StudyLayout.Assignments, assignment.Key + ".html"));
            var json = html.Split("<script type=\"application/json\" id=\"study-data\">")[1].Split("</script>")[0];
            var page = JsonSerializer.Deserialize<PublicAssignment>(json, StudyJson.Options)!;
            Assert.Equal("s-test", page.Study);
            Assert.Equal("../images/", page.Images);
            Assert.Equal(0.5, page.MinSeconds);
            Assert.Equal(assignment.Select(t => (t.TrialId, t.Left.ImageId, t.Right.ImageId)), page.Trials.Select(t => (t.Id, t.Left, t.Right)));
            Assert.Equal(assignment.Select(t => t.Question == "style" ? "q1" : "q2"), page.Trials.Select(t => t.Q));
            Assert.All(page.Trials, t => Assert.True(File.Exists(Path.Combine(folder, StudyLayout.Images, t.Content + ".png"))));
            var row = csv.Single(l => l.StartsWith(assignment.Key + ","));
            Assert.Contains($"https://cdn.example.org/s1/assignments/{assignment.Key}.html,https://cdn.example.org/s1/images/,", row);
            Assert.EndsWith(StudyPages.CompactTrials(page.Trials), row);
            var repeat = assignment.Single(t => t.Kind == TrialKind.Repeat);
            var original = assignment.Single(t => t.TrialId == repeat.RepeatOf);
            Assert.Equal((original.Left.ImageId, original.Right.ImageId), (repeat.Right.ImageId, repeat.Left.ImageId));
            var gold = assignment.Single(t => t.Kind == TrialKind.Gold);
            Assert.Equal("style", gold.Question);
            var goldSide = gold.GoldAnswer == Side.Left ? gold.Left : gold.Right;
            Assert.NotNull(goldSide.Condition); // the stylized output is the right answer to the style question
        }
        var template = File.ReadAllText(Path.Combine(folder, StudyLayout.CrowdTemplate));
        foreach (var placeholder in new[] { "${study}", "${assignment}", "${imageBase}", "${trials}", "name=\"answers\"", "<crowd-form>" })
            Assert.Contains(placeholder, template);
        var index = File.ReadAllText(Path.Combine(folder, StudyLayout.Index));
        Assert.Equal(5, index.Split("<li><a href=\"assignments/").Length - 1);
        var definition = JsonSerializer.Deserialize<StudyDefinition>(File.ReadAllText(Path.Combine(folder, StudyLayout.Definition)), StudyJson.Options)!;
        Assert.Equal(study.Definition.Conditions.Select(c => c.Name), definition.Conditions.Select(c => c.Name));
    }

    static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
