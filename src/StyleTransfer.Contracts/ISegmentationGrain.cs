namespace StyleTransfer.Contracts;

/// <summary>
/// Semantic groups: of a user-supplied mask pair (key = <see cref="SegmentationRequest.Key"/>; results, errors
/// included, cached until one of the four files changes), or automatic groups of an image pair (key =
/// <see cref="AutoSegmentationRequest.Key"/>, by content hash; cached for the activation's life).
/// </summary>
[Alias("StyleTransfer.ISegmentationGrain")]
public interface ISegmentationGrain : IGrainWithStringKey
{
    [Alias("Analyze")]
    Task<SegmentationResult> AnalyzeAsync(SegmentationRequest request);

    /// <summary>Co-segments the pair on the backbone's features (seconds on a CPU for large images, hence the timeout).</summary>
    [Alias("SegmentAutomatically"), ResponseTimeout("00:10:00")]
    Task<SegmentationMaps> SegmentAutomaticallyAsync(AutoSegmentationRequest request);
}
