using StyleTransfer.Contracts;

namespace StyleTransfer.Cli.Running;

/// <summary>Shows job progress while <see cref="JobWatcher"/> polls.</summary>
public interface IProgressView
{
    /// <summary>Runs <paramref name="watch"/> with a callback to report each status; returns what it returns.</summary>
    Task<T> RunAsync<T>(Func<Action<JobStatus>, Task<T>> watch);
}
