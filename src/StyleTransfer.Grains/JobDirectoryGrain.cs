using Orleans.Runtime;
using StyleTransfer.Contracts;

namespace StyleTransfer.Grains;

/// <summary>Durable list of job ids (oldest first in state, served newest first), bounded to <see cref="IJobDirectoryGrain.Capacity"/>.</summary>
public sealed class JobDirectoryGrain(
    [PersistentState("jobs", StorageNames.Jobs)] IPersistentState<JobDirectoryState> state) : Grain, IJobDirectoryGrain
{
    HashSet<string>? _ids;

    List<JobDirectoryEntry> Entries => state.State.Entries;

    public async Task RegisterAsync(string jobId, DateTimeOffset startedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        _ids ??= Entries.Select(e => e.JobId).ToHashSet(StringComparer.Ordinal);
        if (!_ids.Add(jobId)) return;
        Entries.Add(new JobDirectoryEntry(jobId, startedAt));
        int excess = Entries.Count - IJobDirectoryGrain.Capacity;
        if (excess > 0)
        {
            foreach (var old in Entries.Take(excess)) _ids.Remove(old.JobId);
            Entries.RemoveRange(0, excess);
        }
        await state.WriteStateWithRecoveryAsync();
    }

    public Task<JobDirectoryPage> ListAsync(int offset, int count)
    {
        offset = Math.Max(0, offset);
        count = Math.Clamp(count, 0, 1000);
        var entries = Entries;
        var page = new List<JobDirectoryEntry>(Math.Min(count, entries.Count));
        for (int i = entries.Count - 1 - offset; i >= 0 && page.Count < count; i--) page.Add(entries[i]);
        return Task.FromResult(new JobDirectoryPage(page, entries.Count));
    }
}
