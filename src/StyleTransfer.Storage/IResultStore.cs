namespace StyleTransfer.Storage;

/// <summary>A committed output: its deterministic name, where it lives, and the metadata recorded with it.</summary>
public sealed record StoredResult(string Name, string Location, long Length, IReadOnlyDictionary<string, string> Metadata);

/// <summary>
/// Where outputs go. Commits are atomic: a reader sees either nothing or the whole output with its metadata,
/// never a partial file. Names are relative, '/'-separated (e.g. "job-1/photo__starry.png").
/// </summary>
public interface IResultStore
{
    /// <summary>Where this store writes, in words (folder path or container URI).</summary>
    string Describe();

    /// <summary>The committed result of that name, or null.</summary>
    Task<StoredResult?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Writes content and metadata under <paramref name="name"/> atomically, replacing an earlier commit.</summary>
    Task<StoredResult> CommitAsync(string name, ReadOnlyMemory<byte> content, IReadOnlyDictionary<string, string> metadata,
        CancellationToken cancellationToken = default);

    Task<byte[]> ReadAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// The names of the committed results that start with <paramref name="prefix"/> ("" for all; e.g. "job-1/" for a
    /// folder), read lazily, in no particular order. Sidecars and in-flight temporary files are not results. The
    /// prefix's folder part must be a valid name (<see cref="ResultNames"/>), else <see cref="ArgumentException"/>.
    /// </summary>
    IAsyncEnumerable<string> ListAsync(string prefix = "", CancellationToken cancellationToken = default);
}
