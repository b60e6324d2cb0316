using StyleTransfer.Engine.Methods.Strotss;

namespace StyleTransfer.Contracts;

/// <summary>
/// One output of a job: a content image stylized with one or more styles. <see cref="OutputName"/> is the
/// deterministic name of the result under the job's output prefix (e.g. "photo__starry.png"). Optional masks are
/// Deep Photo Style Transfer colour-label images (for gatys and photo) or colour-coded guidance images (for strotss,
/// with optional point-to-point <see cref="GuidancePoints"/>): the content mask pairs with the content image, the
/// style mask with the first style image. Paths must be readable from every silo (local files on a single machine, or a shared mount).
/// </summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.JobItemSpec")]
public sealed record JobItemSpec(
    string ItemId,
    string ContentPath,
    IReadOnlyList<StyleSpec> Styles,
    string OutputName,
    string? ContentMaskPath = null,
    string? StyleMaskPath = null,
    IReadOnlyList<StrotssPointPair>? GuidancePoints = null)
{
    public bool HasMasks => ContentMaskPath is not null || StyleMaskPath is not null;
}
