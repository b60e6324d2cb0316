namespace StyleTransfer.Engine;

/// <summary>
/// Reports progress synchronously on the reporting thread (System.Progress&lt;T&gt; posts to a synchronization
/// context or the thread pool, so its reports can arrive late or out of order).
/// </summary>
public sealed class SyncProgress(Action<StylizeProgress> report) : IProgress<StylizeProgress>
{
    public void Report(StylizeProgress value) => report(value);
}

/// <summary><see cref="SyncProgress"/> for any kind of report (e.g. training steps).</summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
