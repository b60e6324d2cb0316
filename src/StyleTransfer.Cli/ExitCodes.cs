namespace StyleTransfer.Cli;

public static class ExitCodes
{
    /// <summary>Every item succeeded or was skipped (its result already existed).</summary>
    public const int Success = 0;

    /// <summary>Usage or setup error: bad option value, missing input, nothing found, cluster unreachable.</summary>
    public const int Usage = 1;

    /// <summary>The job ran but some items failed.</summary>
    public const int ItemsFailed = 2;

    /// <summary>Cancelled with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
