using StyleTransfer.Storage;

namespace StyleTransfer.Benchmark;

/// <summary>A result store recording when each commit started and ended.</summary>
sealed class TimedStore(IResultStore inner) : IResultStore
{
    public sealed record Commit(string Name, DateTimeOffset Start, DateTimeOffset End);

    readonly List<Commit> _commits = [];

    public Commit? Of(string name)
    {
        lock (_commits) return _commits.LastOrDefault(c => c.Name == name);
    }

    public string Describe() => inner.Describe();

    public Task<StoredResult?> GetAsync(string name, CancellationToken cancellationToken = default) => inner.GetAsync(name, cancellationToken);

    public async Task<StoredResult> CommitAsync(string name, ReadOnlyMemory<byte> content, IReadOnlyDictionary<string, string> metadata,
        CancellationToken cancellationToken = default)
    {
        var start = DateTimeOffset.UtcNow;
        var stored = await inner.CommitAsync(name, content, metadata, cancellationToken);
        lock (_commits) _commits.Add(new Commit(name, start, DateTimeOffset.UtcNow));
        return stored;
    }

    public Task<byte[]> ReadAsync(string name, CancellationToken cancellationToken = default) => inner.ReadAsync(name, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string prefix = "", CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);
}
