using System.Security.Cryptography;
using System.Text;

namespace StyleTransfer.Contracts;

/// <summary>A (content mask, style mask) pair and the images whose sizes the masks must match.</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.SegmentationRequest")]
public sealed record SegmentationRequest(string ContentPath, string ContentMaskPath, string StylePath, string StyleMaskPath)
{
    /// <summary>The segmentation grain's key: SHA-256 (hex) of the four full paths.</summary>
    public string Key()
    {
        var text = string.Join('\n', new[] { ContentPath, ContentMaskPath, StylePath, StyleMaskPath }.Select(Path.GetFullPath));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
