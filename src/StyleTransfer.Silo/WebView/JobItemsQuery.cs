using StyleTransfer.Contracts;

namespace StyleTransfer.Silo.WebView;

/// <summary>
/// Reads a job's items page by page (<see cref="IJobGrain.GetItemsAsync"/>, as <c>styletransfer results</c> does),
/// keeping those in the wanted states, until <c>limit</c> are found, <see cref="MaxPagesPerRequest"/> pages are read
/// or the pages run out.
/// </summary>
public static class JobItemsQuery
{
    public const int MaxLimit = 500;

    /// <summary>Job pages read by one request at most (a rare state in a large job is found over several requests).</summary>
    public const int MaxPagesPerRequest = 64;

    /// <summary>Parses "failed" or "succeeded,skipped" (case-insensitive); empty means every state.</summary>
    /// <exception cref="ArgumentException">a word that is not a state, named.</exception>
    public static IReadOnlySet<ItemState> ParseStates(string? text)
    {
        var states = new HashSet<ItemState>();
        foreach (var word in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<ItemState>(word, ignoreCase: true, out var state) || !Enum.IsDefined(state) || int.TryParse(word, out _))
                throw new ArgumentException($"state '{word}' is not one of {string.Join(", ", Enum.GetNames<ItemState>().Select(n => n.ToLowerInvariant()))}");
            states.Add(state);
        }
        return states.Count == 0 ? Enum.GetValues<ItemState>().ToHashSet() : states;
    }

    public static async Task<ItemsView> RunAsync(IJobGrain job, IReadOnlySet<ItemState> states, int page, int limit, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        var found = new List<ItemView>();
        int end = Math.Max(0, page) + MaxPagesPerRequest;
        for (page = Math.Max(0, page); found.Count < limit && page < end; page++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var items = await job.GetItemsAsync(page);
            if (items.Count == 0) return new ItemsView(found, null); // past the last page
            found.AddRange(items.Where(i => states.Contains(i.State)).Select(i => ItemView.Of(i, page)));
        }
        return new ItemsView(found, page);
    }

    /// <summary>The item <paramref name="itemId"/> of job page <paramref name="page"/>, or null.</summary>
    public static async Task<ItemStatus?> FindAsync(IJobGrain job, int page, string itemId) =>
        page < 0 ? null : (await job.GetItemsAsync(page)).FirstOrDefault(i => i.ItemId == itemId);
}
