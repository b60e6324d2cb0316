using StyleTransfer.Engine.Methods;
using StyleTransfer.Cli.Datasets;
using StyleTransfer.Contracts;
using StyleTransfer.Engine.Methods.Gatys;

namespace StyleTransfer.Cli.Tests;

/// <summary>The dataset's plan without running it: a dry-run writer counts, and the record lines say what goes where.</summary>
public sealed class DatasetPlannerTests
{
    static readonly DatasetSettings Settings = new(Seed: 5, StylesPerImage: 2, AlphaLevels: [null], Method: "gatys", ModelHash: null,
        Output: new ItemOutput(), ImagesOnly: false);

    static List<(string Content, string Style, string Output)> Plan(string content, string styles, DatasetSettings settings)
    {
        var library = StyleLibrary.Load(styles, 16, new DatasetSources(null));
        var lines = new List<(string, string, string)>();
        var root = Path.Combine(Path.GetTempPath(), "st-plan-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using (var writer = new DatasetWriter(content, styles, settings, null, Path.Combine(root, "out"), Path.Combine(root, "work")))
            {
                writer.Begin(new DatasetRecord.Header(DatasetRecord.Kind, content, styles, settings.Seed, settings.StylesPerImage, settings.AlphaLevels,
                    settings.Method, null, new StylizeOptions(), "png", 90, 0, "none", false, library.Excluded));
                DatasetPlanner.Plan(content, library, settings, writer, new DatasetSources(null));
                var (record, _) = writer.Finish();
                var (_, read) = DatasetRecord.Open(record!);
                lines.AddRange(read.Where(l => l.Copy is null).Select(l => (l.Content!, l.Style!, l.Output!)));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
        return lines;
    }

    [Fact]
    public void The_assignment_depends_on_seed_and_relative_path_only_not_on_listing_order_or_the_rest_of_the_tree()
    {
        using var a = new TempFolder();
        using var b = new TempFolder();
        string[] images = ["n01/x/one.png", "n01/x/two.JPG", "n02/three.jpeg", "four.png"];
        string[] styles = ["s1.png", "deep/s2.png", "s3.png", "s4.png", "s5.png"];
        foreach (var image in images) a.Image("content/" + image, 24, 24);
        foreach (var style in styles) a.Image("styles/" + style, 24, 24);
        // The same files created in the opposite order, plus images elsewhere in the tree.
        foreach (var style in styles.Reverse()) b.Image("styles/" + style, 24, 24);
        foreach (var image in images.Reverse()) b.Image("content/" + image, 24, 24);
        b.Image("content/n03/extra.png", 24, 24);
        b.Image("content/n01/x/a-first.png", 24, 24);

        var first = Plan(a["content"], a["styles"], Settings);
        var again = Plan(a["content"], a["styles"], Settings);
        var other = Plan(b["content"], b["styles"], Settings);

        Assert.Equal(first, again);
        Assert.Equal(8, first.Count);
        Assert.Equal(first.OrderBy(l => l.Output, StringComparer.Ordinal), other.Where(l => images.Contains(l.Content)).OrderBy(l => l.Output, StringComparer.Ordinal));
        foreach (var image in first.GroupBy(l => l.Content))
            Assert.Equal(2, image.Select(l => l.Style).Distinct().Count());
        foreach (var (content, style, output) in first)
        {
            var folder = Path.GetDirectoryName(content)!.Replace('\\', '/');
            var expected = $"{Path.GetFileNameWithoutExtension(content)}__{Path.GetFileNameWithoutExtension(style)}.png";
            Assert.Equal(folder.Length == 0 ? expected : $"{folder}/{expected}", output);
        }
        Assert.NotEqual(first, Plan(a["content"], a["styles"], Settings with { Seed = 6 }));
    }
}
