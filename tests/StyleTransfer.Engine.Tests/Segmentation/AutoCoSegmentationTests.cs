using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Segmentation;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Segmentation;

public sealed class ResNet18Fixture : IDisposable
{
    public ResNet18Backbone Backbone { get; } = ResNet18Backbone.Load(null, CPU);

    public void Dispose() => Backbone.Dispose();
}

public class AutoCoSegmentationTests(ResNet18Fixture fixture) : IClassFixture<ResNet18Fixture>
{
    readonly ResNet18Backbone _backbone = fixture.Backbone;

    /// <summary>Defaults, analysed at 128 px instead of 256 to keep the tests fast.</summary>
    static readonly AutoSegmentationOptions Fast = new() { AnalysisSide = 128 };

    const int Size = 64;

    /// <summary>Sky-blue gradient over green noise texture.</summary>
    static Tensor Landscape(int seed, bool stripedGround, bool cloudySky, Func<int, int, float[]?>? overlay = null)
    {
        var rng = new Random(seed);
        var data = new float[3 * Size * Size];
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
            {
                float[] rgb;
                if (y < Size / 2)
                {
                    float t = (float)y / (Size / 2);
                    float cloud = cloudySky ? 0.25f * MathF.Max(0, MathF.Sin(x * 0.4f) * MathF.Sin(y * 0.5f)) : 0;
                    rgb = [0.35f + 0.25f * t + cloud, 0.55f + 0.25f * t + cloud, 0.95f];
                }
                else if (stripedGround)
                {
                    float stripe = (x / 3 + y / 5) % 2 == 0 ? 0.1f : -0.1f;
                    rgb = [0.15f + stripe, 0.5f + stripe, 0.12f];
                }
                else
                {
                    float noise = (float)rng.NextDouble() * 0.3f - 0.15f;
                    rgb = [0.2f + noise, 0.45f + noise, 0.1f + noise / 2];
                }
                rgb = overlay?.Invoke(x, y) ?? rgb;
                for (int c = 0; c < 3; c++) data[(c * Size + y) * Size + x] = Math.Clamp(rgb[c], 0, 1);
            }
        return tensor(data, [1, 3, Size, Size]);
    }

    static int MajorityLabel(LabelMap map, bool top)
    {
        var counts = new int[ColorLabelMasks.Palette.Count];
        for (int y = top ? 0 : map.Height / 2; y < (top ? map.Height / 2 : map.Height); y++)
            for (int x = 0; x < map.Width; x++) counts[map.Labels[y * map.Width + x]]++;
        return Array.IndexOf(counts, counts.Max());
    }

    static double Agreement(LabelMap map, int skyLabel, int groundLabel)
    {
        int agree = 0;
        for (int y = 0; y < map.Height; y++)
            for (int x = 0; x < map.Width; x++)
                if (map.Labels[y * map.Width + x] == (y < map.Height / 2 ? skyLabel : groundLabel)) agree++;
        return (double)agree / map.Labels.Length;
    }

    [Fact]
    public void Sky_and_ground_are_found_in_both_images_and_matched()
    {
        using var content = Landscape(1, stripedGround: false, cloudySky: false);
        using var style = Landscape(2, stripedGround: true, cloudySky: true);
        var (c, s) = AutoCoSegmentation.Segment(_backbone, content, style, new AutoSegmentationOptions());

        Assert.Equal((Size, Size), (c.Width, c.Height));
        Assert.Equal((Size, Size), (s.Width, s.Height));
        int sky = MajorityLabel(c, top: true), ground = MajorityLabel(c, top: false);
        Assert.NotEqual(sky, ground);
        Assert.Equal(sky, MajorityLabel(s, top: true));
        Assert.Equal(ground, MajorityLabel(s, top: false));
        Assert.True(Agreement(c, sky, ground) > 0.9, $"content agreement {Agreement(c, sky, ground):P1}");
        Assert.True(Agreement(s, sky, ground) > 0.9, $"style agreement {Agreement(s, sky, ground):P1}");
    }

    [Fact]
    public void Same_seed_gives_the_same_label_maps()
    {
        using var content = Landscape(3, stripedGround: false, cloudySky: true);
        using var style = Landscape(4, stripedGround: true, cloudySky: false);
        var options = Fast with { Seed = 7 };
        var first = AutoCoSegmentation.Segment(_backbone, content, style, options);
        var second = AutoCoSegmentation.Segment(_backbone, content, style, options);
        Assert.Equal(first.Content.Labels, second.Content.Labels);
        Assert.Equal(first.Style.Labels, second.Style.Labels);
    }

    [Fact]
    public void Content_only_object_gets_no_group_of_its_own_and_no_group_is_an_orphan()
    {
        // A red square (about 14% of the content) that the style lacks entirely: too small in the style.
        float[]? RedSquare(int x, int y) => x is >= 8 and < 32 && y is >= 36 && y < 60 ? [0.9f, 0.1f, 0.1f] : null;
        using var content = Landscape(5, stripedGround: false, cloudySky: false, RedSquare);
        using var style = Landscape(6, stripedGround: true, cloudySky: true);
        var options = Fast with { MinFraction = 0.05, MaxGroups = 5 };
        var (c, s) = AutoCoSegmentation.Segment(_backbone, content, style, options);

        var groups = SemanticGroups.Match(c, s);
        Assert.All(groups, g => Assert.False(g.Orphan, $"group {g.Label} is an orphan"));
        var cf = c.Fractions();
        var sf = s.Fractions();
        Assert.Equal(cf.Keys.Order(), sf.Keys.Order());
        Assert.All(cf.Keys, label => Assert.True(Math.Min(cf[label], sf[label]) >= 0.03, $"{label}: {cf[label]:P1} / {sf[label]:P1}"));
        // The square's pixels share a label with pixels outside the square.
        byte squareLabel = c.Labels[48 * Size + 20];
        int outside = 0;
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
                if (RedSquare(x, y) is null && c.Labels[y * Size + x] == squareLabel) outside++;
        Assert.True(outside > 0.1 * Size * Size, $"the red square kept a label of its own ({outside} px outside it)");
    }

    [Fact]
    public void Group_count_is_capped_and_labels_are_palette_indices_largest_first()
    {
        using var content = Landscape(7, stripedGround: false, cloudySky: true);
        using var style = Landscape(8, stripedGround: true, cloudySky: true);
        var (c, s) = AutoCoSegmentation.Segment(_backbone, content, style,
            Fast with { MaxGroups = 1, MinFraction = 0 });
        Assert.All(c.Labels, l => Assert.Equal(0, l));
        Assert.All(s.Labels, l => Assert.Equal(0, l));

        var (c3, _) = AutoCoSegmentation.Segment(_backbone, content, style,
            Fast with { MaxGroups = 3, MinFraction = 0, MergeSimilarity = 1 });
        var counts = Enumerable.Range(0, 9).Select(l => c3.Labels.Count(v => v == l)).ToArray();
        Assert.True(counts.Count(n => n > 0) <= 3);
        Assert.True(counts[0] >= counts.Skip(1).Max(), "label 0 is not the content's largest group");
    }

    [Theory]
    [InlineData(0, "max groups")]
    [InlineData(10, "max groups")]
    public void Absurd_options_are_refused(int maxGroups, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => new AutoSegmentationOptions { MaxGroups = maxGroups }.Validate());
        Assert.Contains(expected, e.Message);
        Assert.Throws<ArgumentException>(() => new AutoSegmentationOptions { MinFraction = 0.6 }.Validate());
        Assert.Throws<ArgumentException>(() => new AutoSegmentationOptions { Layers = [] }.Validate());
    }

    [Fact]
    public void Unknown_layer_and_bad_image_shape_are_refused()
    {
        using var image = Landscape(9, false, false);
        using var gray = zeros(1, 1, 32, 32);
        var e = Assert.Throws<ArgumentException>(() =>
            AutoCoSegmentation.Segment(_backbone, image, image, new AutoSegmentationOptions { Layers = ["layer9"] }));
        Assert.Contains("layer9", e.Message);
        e = Assert.Throws<ArgumentException>(() => AutoCoSegmentation.Segment(_backbone, image, gray, new AutoSegmentationOptions()));
        Assert.Contains("style", e.Message);
    }
}
