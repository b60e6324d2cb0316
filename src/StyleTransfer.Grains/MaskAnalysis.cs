using SixLabors.ImageSharp;
using StyleTransfer.Contracts;
using StyleTransfer.Engine;
using StyleTransfer.Engine.Segmentation;

namespace StyleTransfer.Grains;

/// <summary>Reads a colour-label mask pair, checks each against its image's size, and matches their labels.</summary>
public static class MaskAnalysis
{
    public static SegmentationResult Analyze(SegmentationRequest request)
    {
        try
        {
            var (contentWidth, contentHeight) = SizeOf(request.ContentPath);
            var (styleWidth, styleHeight) = SizeOf(request.StylePath);
            var content = ColorLabelMasks.Load(request.ContentMaskPath, contentWidth, contentHeight);
            var style = ColorLabelMasks.Load(request.StyleMaskPath, styleWidth, styleHeight);
            var groups = SemanticGroups.Match(content, style);
            if (groups.All(g => g.Orphan))
                throw new InvalidInputException(request.StyleMaskPath,
                    $"shares no label with the content mask {request.ContentMaskPath} (content labels: {string.Join(", ", groups.Select(g => g.Label))})");
            return new SegmentationResult(groups, null);
        }
        catch (Exception e)
        {
            return new SegmentationResult([], FailureReasons.Describe(e));
        }
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
