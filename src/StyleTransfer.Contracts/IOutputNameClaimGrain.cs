namespace StyleTransfer.Contracts;

/// <summary>
/// One shard of a manifest job's output names, keyed "&lt;job&gt;/names/&lt;shard&gt;": which manifest line first claimed
/// each name (by a 64-bit hash of it), durably, so a duplicate is found however many pages apart it is while only
/// the hashes, not the names, are kept.
/// </summary>
public interface IOutputNameClaimGrain : IGrainWithStringKey
{
    /// <summary>
    /// Claims each name hash for its line, in order; returns per entry the earlier line holding that hash, or 0 when
    /// the line holds it now (a line claiming again, after its page was re-read, keeps its claim).
    /// </summary>
    Task<int[]> ClaimAsync(long[] hashes, int[] lines);
}
