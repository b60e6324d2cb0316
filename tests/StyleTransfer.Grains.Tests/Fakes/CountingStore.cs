using System.Collections.Concurrent;
using StyleTransfer.Storage;

namespace StyleTransfer.Grains.Tests.Fakes;

/// <summary>A result store that counts the commits of each name before passing them on.</summary>
public sealed class CountingStore(IResultStore inner) : IResultStore
{
    readonly ConcurrentDictionary<string, int> _commits = new();

    public int CommitsOf(string name) => _commits.GetValueOrDefault(name);

    public int TotalCommits => _commits.Values.Sum();

    public string Describe() => inner.Describe();

    public Task<StoredResult?> GetAsync(string name, CancellationToken cancellationToken = default) => inner.GetAsync(name, cancellationToken);

    public async Task<StoredResult> CommitAsync(string name, ReadOnlyMemory<byte> content, IReadOnlyDictionary<string, string> metadata,
        CancellationToken cancellationToken = default)
    {
        var stored = await inner.CommitAsync(name, content, metadata, cancellationToken);
        _commits.AddOrUpdate(name, 1, (_, n) => n + 1);
        return stored;
    }

    public Task<byte[]> ReadAsync(string name, CancellationToken cancellationToken = default) => inner.ReadAsync(name, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string prefix = "", CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);
}
