namespace StyleTransfer.Contracts;

/// <summary>
/// Semantic groups of a user-supplied mask pair (key = <see cref="SegmentationRequest.Key"/>). Results, errors
/// included, are cached until one of the four files changes.
/// </summary>
[Alias("StyleTransfer.ISegmentationGrain")]
public interface ISegmentationGrain : IGrainWithStringKey
{
    [Alias("Analyze")]
    Task<SegmentationResult> AnalyzeAsync(SegmentationRequest request);
}
