using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using StyleTransfer.Contracts;

namespace StyleTransfer.Grains;

/// <summary>
/// Orchestrates one job with durable state. Inline items are split into pages when the job starts; a manifest is
/// read a page at a time as earlier pages complete, so at most <see cref="JobOptions.MaxActivePages"/> pages are
/// dispatching. A timer polls the active pages; a reminder reactivates the job (on any silo) after its silo died,
/// and the pages resume where their durable state says.
/// </summary>
public sealed class JobGrain(
    [PersistentState("job", StorageNames.Jobs)] IPersistentState<JobState> state,
    IOptions<JobOptions> jobOptions,
    ILogger<JobGrain> logger) : Grain, IJobGrain, IRemindable
{
    const string ReminderName = "redrive";
    readonly JobOptions _options = jobOptions.Value;
    IGrainTimer? _timer;
    bool _dirty;
    bool _listed;
    DateTimeOffset _lastWrite;

    JobState S => state.State;

    string JobId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.StartedAt is not null && S.FinishedAt is null) StartTimer();
        return Task.CompletedTask;
    }

    public async Task StartAsync(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.JobId != JobId)
            throw new ArgumentException($"spec is for job '{spec.JobId}' but was sent to job '{JobId}'");
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(spec))));
        if (S.StartedAt is not null)
        {
            if (hash == S.SpecHash)
            {
                await RegisterAsync(); // again, in case the first registration failed
                return;
            }
            throw new InvalidOperationException($"job '{JobId}' was already started with a different spec; use a new job id");
        }
        spec.Validate();
        MethodChecks.Validate(spec);
        if (spec.ManifestPath is not null && !File.Exists(spec.ManifestPath))
            throw new ArgumentException($"manifest {spec.ManifestPath}: file not found on the silo");

        S.Spec = spec with { Items = Array.Empty<JobItemSpec>() };
        S.SpecHash = hash;
        if (spec.ManifestPath is null)
        {
            await InitializePagesAsync(spec);
            S.SourceExhausted = true;
        }
        S.StartedAt = DateTimeOffset.UtcNow;
        await state.WriteStateAsync();
        _lastWrite = DateTimeOffset.UtcNow;
        logger.LogInformation("Job {Job} started: {Source} to {Prefix}", JobId,
            spec.ManifestPath is null ? $"{spec.Items.Count} items in {S.Pages.Count} pages" : $"manifest {spec.ManifestPath}", spec.OutputPrefix);
        await this.RegisterOrUpdateReminder(ReminderName, _options.ReminderPeriod, _options.ReminderPeriod);
        StartTimer();
        await TickAsync(); // lists the job in the directory too
    }

    /// <summary>
    /// Lists the job in the cluster's job directory (for the web view), once per activation. Best effort: a job runs
    /// whether or not it is listed, and its next tick or start tries again.
    /// </summary>
    async Task RegisterAsync()
    {
        if (_listed) return;
        try
        {
            await GrainFactory.GetGrain<IJobDirectoryGrain>(IJobDirectoryGrain.Key).RegisterAsync(JobId, S.StartedAt!.Value);
            _listed = true;
        }
        catch (Exception e)
        {
            logger.LogWarning("Job {Job} is not listed in the job directory for now: {Error}", JobId, e.Message);
        }
    }

    async Task InitializePagesAsync(JobSpec spec)
    {
        var pages = spec.Items.Chunk(JobPages.Size).ToList();
        // Eight pages at a time, on this activation's scheduler (grain calls need its context).
        foreach (var batch in Enumerable.Range(0, pages.Count).Chunk(8))
            await Task.WhenAll(batch.Select(page => InitializePageAsync(page, pages[page].ToList(), [])));
        S.Pages = pages.Select((items, page) => new PageCounts(page, items.Length, items.Length, 0, 0, 0, 0, 0, 0)).ToList();
    }

    Task InitializePageAsync(int page, List<JobItemSpec> items, List<RejectedItem> rejected)
    {
        var spec = S.Spec!;
        var definition = new JobPageDefinition(JobId, page, items, items.Select(spec.OutputNameOf).ToList(), spec.Options,
            rejected.Select(r => r with { OutputName = spec.OutputNameOf(r.OutputName) }).ToList()) { Overwrite = spec.Overwrite };
        return GrainFactory.GetGrain<IJobPageGrain>(JobPages.Key(JobId, page)).InitializeAsync(definition);
    }

    public async Task<JobStatus> GetStatusAsync()
    {
        var nodes = await GrainFactory.GetGrain<INodeDirectoryGrain>(0).GetNodesAsync();
        var pages = S.Pages;
        int total = pages.Sum(p => p.Total);
        var items = total <= JobStatus.DetailLimit
            ? await ItemsOfAsync(pages.Select(p => p.Page), _ => true)
            : await ItemsOfAsync(pages.Where(p => p.Running > 0 || p.Failed > 0).Select(p => p.Page),
                i => i.State == ItemState.Running || i.State == ItemState.Failed);
        if (total > JobStatus.DetailLimit)
            items = items.Where(i => i.State == ItemState.Running)
                .Concat(items.Where(i => i.State == ItemState.Failed).Take(100)).ToList();
        int computed = pages.Sum(p => p.ItemsComputed);
        return new JobStatus(JobId, S.StartedAt, S.FinishedAt, S.Cancelled, total,
            pages.Sum(p => p.Queued), pages.Sum(p => p.Running), pages.Sum(p => p.Succeeded), pages.Sum(p => p.Failed),
            pages.Sum(p => p.Skipped), computed == 0 ? null : pages.Sum(p => p.SecondsComputed) / computed, items, nodes)
        {
            Pages = pages.Count,
            CancelledItems = pages.Sum(p => p.Cancelled),
            SourceExhausted = S.SourceExhausted || S.Cancelled,
        };
    }

    async Task<List<ItemStatus>> ItemsOfAsync(IEnumerable<int> pages, Func<ItemStatus, bool> keep)
    {
        var lists = await Task.WhenAll(pages.Select(p => GetItemsAsync(p)));
        return lists.SelectMany(l => l).Where(keep).ToList();
    }

    public Task<IReadOnlyList<ItemStatus>> GetItemsAsync(int page)
    {
        if (page < 0 || page >= S.Pages.Count) return Task.FromResult<IReadOnlyList<ItemStatus>>(Array.Empty<ItemStatus>());
        return GrainFactory.GetGrain<IJobPageGrain>(JobPages.Key(JobId, page)).GetItemsAsync();
    }

    public async Task CancelAsync()
    {
        if (S.StartedAt is null || S.FinishedAt is not null || S.Cancelled) return;
        S.Cancelled = true;
        await state.WriteStateAsync();
        logger.LogInformation("Job {Job} cancelled", JobId);
        await Task.WhenAll(S.Pages.Where(p => !p.IsComplete)
            .Select(p => GrainFactory.GetGrain<IJobPageGrain>(JobPages.Key(JobId, p.Page)).CancelAsync()));
        await TickAsync();
    }

    public async Task ReportPageAsync(PageCounts counts)
    {
        if (counts.Page < 0 || counts.Page >= S.Pages.Count) return;
        // A one-way report can wait in this grain's queue while a tick reads newer counts from the page itself:
        // one that would take a complete page back, or lower its finished items, is stale.
        var known = S.Pages[counts.Page];
        if (known.IsComplete || counts.Finished < known.Finished) return;
        bool completed = counts.IsComplete;
        S.Pages[counts.Page] = counts;
        _dirty = true;
        if (completed) await TickAsync(); // read the next page of the source, or finish
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => TickAsync();

    void StartTimer() => _timer ??= this.RegisterGrainTimer(TickAsync,
        new GrainTimerCreationOptions(_options.JobTick, _options.JobTick) { KeepAlive = true });

    async Task TickAsync()
    {
        if (S.StartedAt is null) return;
        if (S.FinishedAt is not null)
        {
            await StopAsync();
            return;
        }
        try
        {
            await RegisterAsync();
            await ReadSourceAsync();
            var active = S.Pages.Where(p => !p.IsComplete).Take(_options.MaxActivePages).ToList();
            foreach (var counts in await Task.WhenAll(active.Select(p =>
                         GrainFactory.GetGrain<IJobPageGrain>(JobPages.Key(JobId, p.Page)).RunAsync())))
            {
                if (counts != S.Pages[counts.Page]) _dirty = true;
                S.Pages[counts.Page] = counts;
            }
            if ((S.SourceExhausted || S.Cancelled) && S.Pages.All(p => p.IsComplete))
            {
                S.FinishedAt = DateTimeOffset.UtcNow;
                _dirty = true;
                logger.LogInformation("Job {Job} finished: {Succeeded} succeeded, {Skipped} skipped, {Failed} failed", JobId,
                    S.Pages.Sum(p => p.Succeeded), S.Pages.Sum(p => p.Skipped), S.Pages.Sum(p => p.Failed));
            }
            if (_dirty && (S.FinishedAt is not null || DateTimeOffset.UtcNow - _lastWrite > _options.JobTick * 2))
                await WriteAsync();
            if (S.FinishedAt is not null) await StopAsync();
        }
        catch (Exception e)
        {
            // Storage or a silo unreachable for now: the timer (or the reminder) tries again.
            logger.LogWarning("Job {Job}: tick failed, will retry: {Error}", JobId, e.Message);
        }
    }

    /// <summary>Reads the manifest further while fewer than the allowed pages are active.</summary>
    async Task ReadSourceAsync()
    {
        var spec = S.Spec!;
        while (!S.SourceExhausted && !S.Cancelled && S.Pages.Count(p => !p.IsComplete) < _options.MaxActivePages)
        {
            long offset = S.ManifestOffset;
            int line = S.ManifestLine;
            var page = await Task.Run(() => JobManifest.Read(spec.ManifestPath!, offset, line, JobPages.Size, spec.Options));
            int index = S.Pages.Count;
            if (page.Items.Count + page.Rejected.Count > 0)
            {
                RejectWhatTheMethodRefuses(page);
                await RejectDuplicateNamesAsync(page);
                await InitializePageAsync(index, page.Items, page.Rejected);
                int total = page.Items.Count + page.Rejected.Count;
                S.Pages.Add(new PageCounts(index, total, page.Items.Count, 0, 0, page.Rejected.Count, 0, 0, 0));
            }
            S.ManifestOffset = page.NextOffset;
            S.ManifestLine = page.NextLine;
            S.SourceExhausted = page.Exhausted;
            // The cursor is durable before the page runs; a crash in between re-reads the same lines into the same page.
            await WriteAsync();
        }
    }

    /// <summary>Moves the items the method cannot run (e.g. several styles for photo) to the page's rejected items, naming the line.</summary>
    void RejectWhatTheMethodRefuses(JobManifest.Page page)
    {
        var spec = S.Spec!;
        for (int i = page.Items.Count - 1; i >= 0; i--)
        {
            var item = page.Items[i];
            if (MethodChecks.Problem(item.OptionsOr(spec.Options), item) is not string problem) continue;
            page.Rejected.Add(new RejectedItem(item.ItemId, item.OutputName, $"manifest {spec.ManifestPath} line {page.Lines[i]}: {problem}"));
            page.Items.RemoveAt(i);
            page.Lines.RemoveAt(i);
        }
    }

    /// <summary>
    /// Moves the items whose output name an earlier manifest line already has (on this page or any earlier one) to
    /// the page's rejected items, naming that line. The claims are durable, so a re-read page claims nothing twice.
    /// </summary>
    async Task RejectDuplicateNamesAsync(JobManifest.Page page)
    {
        var spec = S.Spec!;
        var hashes = page.Items.Select(i => OutputNameClaimGrain.Hash(spec.OutputNameOf(i))).ToArray();
        var earlier = new int[hashes.Length];
        await Task.WhenAll(Enumerable.Range(0, hashes.Length).GroupBy(i => OutputNameClaimGrain.ShardOf(hashes[i])).Select(async shard =>
        {
            var indexes = shard.ToArray();
            var lines = await GrainFactory.GetGrain<IOutputNameClaimGrain>(OutputNameClaimGrain.Key(JobId, shard.Key))
                .ClaimAsync(indexes.Select(i => hashes[i]).ToArray(), indexes.Select(i => page.Lines[i]).ToArray());
            for (int k = 0; k < indexes.Length; k++) earlier[indexes[k]] = lines[k];
        }));
        for (int i = page.Items.Count - 1; i >= 0; i--)
        {
            if (earlier[i] == 0) continue;
            var item = page.Items[i];
            page.Rejected.Add(new RejectedItem(item.ItemId, item.OutputName,
                $"manifest {spec.ManifestPath} line {page.Lines[i]}: output name '{item.OutputName}' is already the output of line {earlier[i]}"));
            page.Items.RemoveAt(i);
            page.Lines.RemoveAt(i);
        }
    }

    async Task WriteAsync()
    {
        await state.WriteStateWithRecoveryAsync();
        _dirty = false;
        _lastWrite = DateTimeOffset.UtcNow;
    }

    async Task StopAsync()
    {
        _timer?.Dispose();
        _timer = null;
        var reminder = await this.GetReminder(ReminderName);
        if (reminder is not null) await this.UnregisterReminder(reminder);
    }
}
