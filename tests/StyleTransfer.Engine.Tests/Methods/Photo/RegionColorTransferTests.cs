using StyleTransfer.Engine.Evaluation;
using StyleTransfer.Engine.Methods.Photo;
using StyleTransfer.Engine.Segmentation;
using static StyleTransfer.Engine.Tests.Methods.Photo.DeepPhotoStylizerTests;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Methods.Photo;

/// <summary>The content recoloured region by region: the style region's colours, the content's luma structure, orphans untouched.</summary>
public class RegionColorTransferTests
{
    static Tensor Rows(Tensor image, int from, int to) => image[.., .., from..to, ..];

    [Fact]
    public void Iterative_sliced_transport_moves_a_point_set_onto_the_targets_distribution()
    {
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator(7);
        var source = randn([4000, 3], generator: generator) * 0.05 + tensor(new[] { 0.2f, 0.6f, 0.3f });
        // A skewed, correlated target: not reachable by moving the mean and scaling the axes.
        var u = rand([3000, 1], generator: generator);
        var target = cat([u.square(), 0.8f * u + 0.1f * rand([3000, 1], generator: generator), 1 - u], 1);

        var moved = RegionColorTransfer.Transport(source, target, RegionColorTransfer.DefaultIterations, seed: 3);

        double before = QualityMetrics.SlicedWasserstein(source, target), after = QualityMetrics.SlicedWasserstein(moved, target);
        Assert.True(after < 0.05 * before, $"sliced Wasserstein distance to the target {before:F4} → {after:F4}");
        Assert.True(moved.equal(RegionColorTransfer.Transport(source, target, RegionColorTransfer.DefaultIterations, seed: 3)).all().ToBoolean(),
            "deterministic for a seed");
    }

    [Fact]
    public void Each_region_gets_its_style_regions_colours_with_the_contents_luma_structure()
    {
        using var scope = NewDisposeScope();
        var content = Content();
        var style = Style();
        using var regions = Regions();

        var result = RegionColorTransfer.Apply(content, style, regions);

        Assert.Equal(content.shape, result.shape);
        Assert.True(result.min().ToDouble() >= 0 && result.max().ToDouble() <= 1);
        foreach (var (from, to, styleFrom, styleTo, name) in new[] { (0, SkyRows, 0, 32, "sky"), (SkyRows, H, 32, 64, "ground") })
        {
            var target = MeanColour(style, styleFrom, styleTo);
            double before = (MeanColour(content, from, to) - target).abs().max().ToDouble();
            double after = (MeanColour(result, from, to) - target).abs().max().ToDouble();
            Assert.True(before > 0.15 && after < 0.04, $"{name}: largest channel gap of the mean colour to its style region {before:F3} → {after:F3}");

            // Rows away from the boundary, where the guided filter does not mix the two regions.
            var (a, b) = from == 0 ? (0, to - 6) : (from + 6, to);
            var (lumaOut, lumaIn) = (QualityMetrics.Luma(Rows(result, a, b)), QualityMetrics.Luma(Rows(content, a, b)));
            double correlation = Correlation(lumaOut, lumaIn);
            Assert.True(correlation > 0.95, $"{name}: the result's luma against the content's, correlation {correlation:F3}");
            double deviation = lumaOut.std().ToDouble(), styleDeviation = QualityMetrics.Luma(Rows(style, styleFrom, styleTo)).std().ToDouble();
            Assert.True(Math.Abs(deviation - styleDeviation) < 0.35 * styleDeviation,
                $"{name}: luma deviation {deviation:F3}, the style region's {styleDeviation:F3}");
        }
    }

    [Fact]
    public void Pixels_of_a_content_label_the_style_lacks_keep_their_colours()
    {
        using var scope = NewDisposeScope();
        var content = Content();
        var style = Style();
        // The content's last 12 rows are "red", a label the style does not have: an orphan.
        const int OrphanRow = H - 12;
        var bytes = Labels(W, H, SkyRows).Labels.ToArray();
        for (int i = OrphanRow * W; i < bytes.Length; i++) bytes[i] = (byte)ColorLabelMasks.IndexOf("red");
        var contentLabels = new LabelMap("synthetic", W, H, bytes);
        var styleLabels = Labels(64, 64, 32);
        var groups = SemanticGroups.Match(contentLabels, styleLabels);
        Assert.Contains(groups, g => g.Label == "red" && g.Orphan);
        using var regions = new RegionMasks(contentLabels, styleLabels, groups, CPU);

        var result = RegionColorTransfer.Apply(content, style, regions);

        // Beyond twice the guided filter's radius from the ground, whose colours change.
        int unmixed = OrphanRow + 2 * RegionColorTransfer.SmoothRadius;
        double orphanChange = (Rows(result, unmixed, H) - Rows(content, unmixed, H)).abs().max().ToDouble();
        double groundChange = (Rows(result, SkyRows + 2, OrphanRow - 2) - Rows(content, SkyRows + 2, OrphanRow - 2)).abs().mean().ToDouble();
        Assert.True(orphanChange < 0.02, $"largest change in the orphan rows {orphanChange:F4}");
        Assert.True(groundChange > 0.1, $"mean change in the ground rows {groundChange:F3}");
    }
}
