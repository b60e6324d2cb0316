namespace StyleTransfer.Grains.Tests.Fakes;

/// <summary>What the <see cref="FakeEngine"/> does on one call for an item.</summary>
public abstract record FakeStep
{
    /// <summary>Reports progress, then returns a tiny PNG after <paramref name="milliseconds"/> (honouring cancellation meanwhile).</summary>
    public static FakeStep Succeed(int milliseconds = 30) => new SucceedStep(TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>Throws <see cref="OperationCanceledException"/> without the job asking: what an optimization
    /// interrupted by its node (device reset, shutdown) looks like to the pipeline; the job retries the item.</summary>
    public static FakeStep Interrupt { get; } = new InterruptStep();

    /// <summary>Throws the engine's <see cref="Engine.InvalidInputException"/>: a permanent failure of the item.</summary>
    public static FakeStep InvalidInput(string message) => new InvalidInputStep(message);

    /// <summary>Waits until the call is cancelled (by the job, or its silo stopping), then throws as the engine does.</summary>
    public static FakeStep BlockUntilCancelled { get; } = new BlockStep();

    /// <summary>Waits until <see cref="FakeEngine.Release"/> (then succeeds) or cancellation.</summary>
    public static FakeStep Hold { get; } = new HoldStep();

    internal sealed record SucceedStep(TimeSpan Delay) : FakeStep;

    internal sealed record InterruptStep : FakeStep;

    internal sealed record InvalidInputStep(string Message) : FakeStep;

    internal sealed record BlockStep : FakeStep;

    internal sealed record HoldStep : FakeStep;
}
