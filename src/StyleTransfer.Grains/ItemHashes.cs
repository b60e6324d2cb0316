using StyleTransfer.Contracts;

namespace StyleTransfer.Grains;

/// <summary>
/// SHA-256 of each input file of an item, computed once per attempt and carried to what needs them: the parameters
/// hash, the automatic segmentation key and the engine's style cache.
/// </summary>
public sealed record ItemHashes(string Content, IReadOnlyList<string> Styles, string? ContentMask, string? StyleMask)
{
    /// <summary>Hashes the item's files (throws <see cref="Engine.InvalidInputException"/> naming a missing or unreadable one).</summary>
    public static ItemHashes Of(JobItemSpec item) => new(
        FileHashes.Sha256(item.ContentPath),
        item.Styles.Select(s => FileHashes.Sha256(s.Path)).ToList(),
        item.ContentMaskPath is { } contentMask ? FileHashes.Sha256(contentMask) : null,
        item.StyleMaskPath is { } styleMask ? FileHashes.Sha256(styleMask) : null);
}
