using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace StyleTransfer.Contracts;

/// <summary>
/// Automatic semantic groups of a (content, style) pair, for a method that needs them. The segmentation grain's key
/// is <see cref="Key"/>: the two images' content hashes (computed once per item, by its pipeline) and the settings
/// that change the groups, so every item of every job that shares the pair reuses one computation.
/// </summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.AutoSegmentationRequest")]
public sealed record AutoSegmentationRequest(string ContentPath, string ContentSha256, string StylePath, string StyleSha256, MethodSpec Options)
{
    public string Key()
    {
        var relevant = JsonSerializer.Serialize(new { Options.Shared.Backbone, Options.Shared.WeightsPath, Options.Shared.MaxSize, Options.Photo.Segmentation });
        var text = string.Join('\n', "auto", ContentSha256, StyleSha256, relevant);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
