using System.Text.Json;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;
using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Imaging;
using StyleTransfer.Engine.Segmentation;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Evaluation;

/// <summary>
/// Quality metrics of style transfer outputs: how much of the content's structure is kept (SSIM of luma), how
/// close the colours came to the style's (sliced Wasserstein distance in CIELAB, also per semantic region, with the
/// content's own distance as baseline) and how close the feature statistics came (relative Gram distance).
/// </summary>
public static partial class QualityMetrics
{
    /// <summary>camelCase, as the CLI prints reports.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Evaluates <paramref name="outputPath"/> against its content and style images. The output is read at most
    /// <paramref name="maxSize"/> px on its longest side (never enlarged); the content is resized to the output's size,
    /// the style read like the output. Masks (Deep Photo Style Transfer colour labels; both or neither) add colour
    /// distances per shared semantic group. <paramref name="backbone"/> defaults to a ResNet-18 on the CPU, loaded
    /// for this call; pass one to evaluate many outputs.
    /// </summary>
    /// <exception cref="InvalidInputException">an image or mask is missing, corrupt or does not fit its image.</exception>
    public static QualityReport Evaluate(string outputPath, string contentPath, string stylePath,
        string? contentMaskPath = null, string? styleMaskPath = null, IBackbone? backbone = null, int maxSize = 512)
    {
        if ((contentMaskPath is null) != (styleMaskPath is null))
            throw new ArgumentException("give both masks (content and style) or neither");
        if (maxSize < 1) throw new ArgumentOutOfRangeException(nameof(maxSize), maxSize, "must be at least 1");

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var output = LoadAtMost(outputPath, maxSize);
        int width = (int)output.shape[3], height = (int)output.shape[2];
        var content = ImageIO.LoadTensor(contentPath, width, height);
        var style = LoadAtMost(stylePath, maxSize);

        double ssim;
        using (var yo = Luma(output))
        using (var yc = Luma(content))
            ssim = Ssim(yo, yc);

        // Colours are compared on at most MaxColorSamples pixels per set, drawn with a fixed seed; output and content
        // share the drawn positions (same size), so an output equal to the content has exactly the content's distance.
        var outputPixels = Pixels(output);
        var contentPixels = Pixels(content);
        var stylePixels = Pixels(style);
        var everywhere = Sample(arange(width * height));
        var styleLab = RgbToLab(stylePixels.index_select(0, Sample(arange(stylePixels.shape[0]))));
        double colorDistance = SlicedWasserstein(RgbToLab(outputPixels.index_select(0, everywhere)), styleLab);
        double contentColorDistance = SlicedWasserstein(RgbToLab(contentPixels.index_select(0, everywhere)), styleLab);

        var perGroup = new List<GroupQuality>();
        if (contentMaskPath is not null && styleMaskPath is not null)
        {
            var contentMap = ColorLabelMasks.Load(contentMaskPath, width, height);
            var styleMap = ColorLabelMasks.Load(styleMaskPath, (int)style.shape[3], (int)style.shape[2]);
            var contentLabels = tensor(contentMap.Labels);
            var styleLabels = tensor(styleMap.Labels);
            foreach (var group in SemanticGroups.Match(contentMap, styleMap).Where(g => !g.Orphan))
            {
                int index = ColorLabelMasks.IndexOf(group.Label);
                var inContent = Sample(contentLabels.eq(index).nonzero().squeeze(1));
                var styleRegion = RgbToLab(stylePixels.index_select(0, Sample(styleLabels.eq(index).nonzero().squeeze(1))));
                perGroup.Add(new GroupQuality(group.Label,
                    SlicedWasserstein(RgbToLab(outputPixels.index_select(0, inContent)), styleRegion),
                    SlicedWasserstein(RgbToLab(contentPixels.index_select(0, inContent)), styleRegion),
                    group.ContentFraction));
            }
        }

        double styleStatistics;
        if (backbone is null)
        {
            using var own = ResNet18Backbone.Load(null, CPU);
            styleStatistics = StyleStatisticsDistance(own, output, style);
        }
        else
        {
            styleStatistics = StyleStatisticsDistance(backbone, output, style);
        }

        return new QualityReport(outputPath, contentPath, stylePath, ssim, colorDistance, contentColorDistance,
            styleStatistics, perGroup);
    }

    /// <summary>Most pixels per set that colour distances use (sorting every pixel of large images is slow on CPUs).</summary>
    public const int MaxColorSamples = 16384;

    /// <summary>[1,3,H,W] RGB → [H·W,3] pixels in row-major order (the order of a <see cref="LabelMap"/>).</summary>
    static Tensor Pixels(Tensor rgb) => rgb[0].reshape(3, -1).t().contiguous();

    /// <summary>At most <see cref="MaxColorSamples"/> of <paramref name="indices"/>, drawn with a fixed seed (all if fewer).</summary>
    static Tensor Sample(Tensor indices)
    {
        long n = indices.shape[0];
        if (n <= MaxColorSamples) return indices;
        using var generator = new Generator((ulong)DefaultSeed);
        using var order = randperm(n, generator: generator);
        using var chosen = order[..MaxColorSamples];
        return indices.index_select(0, chosen);
    }

    static Tensor LoadAtMost(string path, int maxSize)
    {
        using var image = ImageIO.Load(path);
        if (Math.Max(image.Width, image.Height) > maxSize)
        {
            var (w, h) = ImageIO.FitWithin(image.Width, image.Height, maxSize);
            image.Mutate(x => x.Resize(w, h, KnownResamplers.Lanczos3));
        }
        return ImageIO.ToTensor(image);
    }
}
