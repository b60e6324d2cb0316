using StyleTransfer.Contracts;

namespace StyleTransfer.Cli.Running;

/// <summary>How a watched job ended: its last status, whether the user cancelled it, and the wall time.</summary>
public sealed record JobOutcome(JobStatus Status, bool Cancelled, TimeSpan Elapsed)
{
    public int ExitCode => Cancelled || Status.Cancelled ? ExitCodes.Cancelled
        : Status.Failed > 0 || !Status.IsComplete ? ExitCodes.ItemsFailed
        : ExitCodes.Success;
}
