using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StyleTransfer.Engine.Methods.Gatys;

namespace StyleTransfer.Contracts;

/// <summary>
/// Automatic semantic groups of a (content, style) pair for the photo method. The segmentation grain's key is
/// <see cref="Key"/>: the two images' content hashes and the options that change the groups, so every item of
/// every job that shares the pair reuses one computation.
/// </summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.AutoSegmentationRequest")]
public sealed record AutoSegmentationRequest(string ContentPath, string StylePath, GatysOptions Options)
{
    public string Key(string contentSha256, string styleSha256)
    {
        var relevant = JsonSerializer.Serialize(new { Options.Backbone, Options.WeightsPath, Options.MaxSize, Options.Segmentation });
        var text = string.Join('\n', "auto", contentSha256, styleSha256, relevant);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
