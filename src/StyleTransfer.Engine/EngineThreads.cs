using System.Collections.Concurrent;

namespace StyleTransfer.Engine;

/// <summary>
/// Long-lived threads for blocking engine work: a stylization, a segmentation, a training run. libtorch keeps state
/// per calling thread (with OpenMP each calling thread gets a team of worker threads of its own; the C allocator
/// keeps memory per thread arena), so a fresh thread per item paid for it again on every item: 5–8 % of a 256 px
/// item on 2 cores in scripts/benchmark.sh. The .NET thread pool is not meant for calls that block for seconds: a GPU
/// node's items would hold its workers and delay every grain turn. A free thread is reused, the one that ran last
/// first (the warmest); one is added only when all are busy, so a node has as many as it ran items at once. They are
/// background threads and never end.
/// </summary>
public static class EngineThreads
{
    static readonly ConcurrentStack<Worker> Idle = new();
    static int _started;

    /// <summary>Runs <paramref name="work"/> on an engine thread; its exception, if any, is the task's.</summary>
    public static Task<T> Run<T>(Func<T> work, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<T>(cancellationToken);
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var worker = Idle.TryPop(out var idle) ? idle : new Worker(Interlocked.Increment(ref _started));
        worker.Post(() =>
        {
            try
            {
                var result = work();
                return () => completion.SetResult(result);
            }
            catch (Exception e)
            {
                return () => completion.SetException(e);
            }
        });
        return completion.Task;
    }

    /// <summary>Engine threads started so far in this process.</summary>
    public static int Started => Volatile.Read(ref _started);

    sealed class Worker
    {
        // Each piece of work returns how to complete its task: the thread counts as free before the caller resumes.
        readonly BlockingCollection<Func<Action>> _work = new(boundedCapacity: 1);

        public Worker(int number)
        {
            new Thread(Loop) { IsBackground = true, Name = $"engine {number}" }.Start();
        }

        public void Post(Func<Action> work) => _work.Add(work);

        void Loop()
        {
            foreach (var work in _work.GetConsumingEnumerable())
            {
                var complete = work();
                Idle.Push(this);
                complete();
            }
        }
    }
}
