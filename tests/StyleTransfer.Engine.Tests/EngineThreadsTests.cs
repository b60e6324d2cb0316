using StyleTransfer.Engine;

namespace StyleTransfer.Engine.Tests;

public sealed class EngineThreadsTests
{
    [Fact]
    public async Task Work_after_work_runs_on_the_same_engine_thread()
    {
        var first = await EngineThreads.Run(() => Environment.CurrentManagedThreadId);
        var second = await EngineThreads.Run(() => Environment.CurrentManagedThreadId);
        var third = await EngineThreads.Run(() => Thread.CurrentThread);

        Assert.Equal(first, second);
        Assert.Equal(first, third.ManagedThreadId);
        Assert.StartsWith("engine ", third.Name);
        Assert.False(third.IsThreadPoolThread);
    }

    [Fact]
    public async Task Work_at_the_same_time_runs_on_threads_of_its_own()
    {
        using var bothStarted = new Barrier(2);
        var a = EngineThreads.Run(() => { bothStarted.SignalAndWait(TimeSpan.FromSeconds(10)); return Environment.CurrentManagedThreadId; });
        var b = EngineThreads.Run(() => { bothStarted.SignalAndWait(TimeSpan.FromSeconds(10)); return Environment.CurrentManagedThreadId; });

        var threads = await Task.WhenAll(a, b);

        Assert.NotEqual(threads[0], threads[1]);
    }

    [Fact]
    public async Task An_exception_of_the_work_is_the_tasks_and_the_thread_stays_usable()
    {
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => EngineThreads.Run<int>(() => throw new InvalidInputException("a.png", "bad image")));
        Assert.Equal("a.png: bad image", error.Message);

        Assert.Equal(42, await EngineThreads.Run(() => 42));
    }

    [Fact]
    public async Task Cancelled_before_it_starts_never_runs()
    {
        bool ran = false;
        var cancelled = new CancellationToken(canceled: true);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EngineThreads.Run(() => ran = true, cancelled));
        Assert.False(ran);
    }
}
