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
    IReadOnlyList<GuidancePoint>? GuidancePoints = null)
{
    /// <summary>
    /// This item's own method options instead of the job's (e.g. one condition of a user study); null = the job's.
    /// Dispatch, the page's checks and the parameters hash use <see cref="OptionsOr"/>.
    /// </summary>
    [Id(7)]
    public MethodSpec? Options { get; init; }

    /// <summary>Content geometry and output format of a dataset item; null = the job's size and PNG.</summary>
    [Id(8)]
    public ItemOutput? Output { get; init; }

    public bool HasMasks => ContentMaskPath is not null || StyleMaskPath is not null;

    /// <summary>The options this item runs with: its own, else the job's.</summary>
    public MethodSpec OptionsOr(MethodSpec jobOptions) => Options ?? jobOptions;

    /// <summary>What is wrong with this item on its own (ids, names, masks), or null.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(ItemId)) return "an item has no id";
        if (string.IsNullOrWhiteSpace(OutputName)) return $"item '{ItemId}' has no output name";
        if (string.IsNullOrWhiteSpace(ContentPath)) return $"item '{ItemId}' has no content image";
        if (Styles is null || Styles.Count == 0) return $"item '{ItemId}' has no style image";
        if ((ContentMaskPath is null) != (StyleMaskPath is null))
            return $"item '{ItemId}' needs both a content mask and a style mask, or neither";
        if (Output?.Problem() is string output) return $"item '{ItemId}': {output}";
        if (Output is not null && !Output.Names(OutputName))
            return $"item '{ItemId}': output name '{OutputName}' must end in {Output.Extension} (its format)";
        return null;
    }
}
