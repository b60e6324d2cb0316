using SixLabors.ImageSharp;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Segmentation;

/// <summary>
/// The one check of a colour-label mask pair: each mask has its image's shape, and the two share at least one label.
/// Used before a job runs (on the images' own sizes) and by the methods (at the size they load the images).
/// </summary>
public static class MaskPairs
{
    /// <summary>The semantic groups of a mask pair against its images' sizes; throws <see cref="InvalidInputException"/> naming the bad file.</summary>
    public static IReadOnlyList<SemanticGroup> Analyze(string contentPath, string contentMaskPath, string stylePath, string styleMaskPath)
    {
        var (cw, ch) = SizeOf(contentPath);
        var (sw, sh) = SizeOf(stylePath);
        return Load(contentMaskPath, cw, ch, styleMaskPath, sw, sh).Groups;
    }

    /// <summary>Both masks resized to the given sizes, and their groups; throws <see cref="InvalidInputException"/> when they share no label.</summary>
    public static (LabelMapPair Maps, IReadOnlyList<SemanticGroup> Groups) Load(string contentMaskPath, int contentWidth, int contentHeight,
        string styleMaskPath, int styleWidth, int styleHeight)
    {
        var content = ColorLabelMasks.Load(contentMaskPath, contentWidth, contentHeight);
        var style = ColorLabelMasks.Load(styleMaskPath, styleWidth, styleHeight);
        var groups = SemanticGroups.Match(content, style);
        if (groups.All(g => g.Orphan))
            throw new InvalidInputException(styleMaskPath,
                $"shares no label with the content mask {contentMaskPath} (content labels: {string.Join(", ", groups.Select(g => g.Label))})");
        return (new LabelMapPair(content, style), groups);
    }

    /// <summary>Region masks of the request's colour-label masks at the loaded images' sizes; null when it has none.</summary>
    public static RegionMasks? Regions(StylizeRequest request, Tensor content, Tensor style)
    {
        if (request.ContentMaskPath is null || request.StyleMaskPath is null) return null;
        var (maps, groups) = Load(request.ContentMaskPath, (int)content.shape[3], (int)content.shape[2],
            request.StyleMaskPath, (int)style.shape[3], (int)style.shape[2]);
        return new RegionMasks(maps.Content, maps.Style, groups, content.device);
    }

    /// <summary>Region masks from label maps (resized to the images); null when content and style share no label.</summary>
    public static RegionMasks? RegionsOf(LabelMapPair maps, Tensor content, Tensor style)
    {
        var c = ColorLabelMasks.Resize(maps.Content, (int)content.shape[3], (int)content.shape[2]);
        var s = ColorLabelMasks.Resize(maps.Style, (int)style.shape[3], (int)style.shape[2]);
        var groups = SemanticGroups.Match(c, s);
        return groups.All(g => g.Orphan) ? null : new RegionMasks(c, s, groups, content.device);
    }

    static (int Width, int Height) SizeOf(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException(path, "file not found");
        IImageInfo? info;
        try
        {
            info = Image.Identify(path);
        }
        catch (Exception e) when (e is ImageFormatException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException(path, $"cannot be read as an image ({e.Message})", e);
        }
        return info is null
            ? throw new InvalidInputException(path, "not an image in a supported format")
            : (info.Width, info.Height);
    }
}
