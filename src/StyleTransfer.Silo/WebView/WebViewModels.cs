using StyleTransfer.Contracts;

namespace StyleTransfer.Silo.WebView;

/// <summary>A job's counts and progress as the web view shows them; everything comes from <see cref="JobStatus"/>.</summary>
public sealed record JobSummaryView(
    string JobId,
    string State,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int Total,
    bool TotalFinal,
    int Done,
    int Queued,
    int Running,
    int Succeeded,
    int Failed,
    int Skipped,
    double? AverageSecondsPerItem,
    double? EtaSeconds)
{
    public static JobSummaryView Of(JobStatus s) => new(
        s.JobId,
        s.Cancelled ? (s.IsComplete ? "cancelled" : "cancelling") : s.IsComplete ? "finished" : s.IsStarted ? "running" : "unknown",
        s.StartedAt, s.FinishedAt, s.Total, s.SourceExhausted, s.Succeeded + s.Failed + s.Skipped,
        s.Queued, s.Running, s.Succeeded, s.Failed, s.Skipped, s.AverageSecondsPerItem,
        s.IsComplete ? null : s.EstimateRemaining()?.TotalSeconds);
}

/// <summary>The job page's data: the summary, the cluster's nodes and the items running now.</summary>
public sealed record JobView(JobSummaryView Job, IReadOnlyList<NodeView> Nodes, IReadOnlyList<ItemView> RunningItems)
{
    public static JobView Of(JobStatus s) => new(JobSummaryView.Of(s), s.Nodes.Select(NodeView.Of).ToList(),
        s.Items.Where(i => i.State == ItemState.Running).Select(i => ItemView.Of(i, page: null)).ToList());
}

public sealed record NodeView(string NodeId, string Device, int Capacity, int InFlight, int Free)
{
    public static NodeView Of(NodeInfo n) => new(n.NodeId, n.Device, n.Capacity, n.InFlight, n.Free);
}

/// <summary>
/// One item. <see cref="Page"/> is the job page it lives on (with <see cref="ItemId"/> it addresses the item's output
/// image); null where the item came from the job's status (running items).
/// </summary>
public sealed record ItemView(
    int? Page,
    string ItemId,
    string OutputName,
    string State,
    string? Node,
    int Iteration,
    int TotalIterations,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? FailureReason,
    int Attempts,
    bool HasOutput)
{
    public static ItemView Of(ItemStatus i, int? page) => new(page, i.ItemId, i.OutputName, i.State.ToString().ToLowerInvariant(),
        i.Node, i.Iteration, i.TotalIterations, i.StartedAt, i.FinishedAt, i.FailureReason, i.Attempts, HasOutputOf(i));

    public static bool HasOutputOf(ItemStatus i) => i.State is ItemState.Succeeded or ItemState.Skipped;
}

/// <summary>Items matching a filter from job page <c>page</c> on, and the page to continue from (null: no more).</summary>
public sealed record ItemsView(IReadOnlyList<ItemView> Items, int? NextPage);

/// <summary>One slice of the job directory, newest first; a job whose status could not be read has <see cref="Error"/>.</summary>
public sealed record JobListView(IReadOnlyList<JobListEntry> Jobs, int Offset, int Total);

public sealed record JobListEntry(string JobId, DateTimeOffset StartedAt, JobSummaryView? Summary, string? Error);

public sealed record StudyView(string Prefix, string Url);
