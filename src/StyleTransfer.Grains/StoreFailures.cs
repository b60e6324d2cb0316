namespace StyleTransfer.Grains;

/// <summary>
/// Which failures of the result store a retry cannot fix: an invalid name or one leading outside the store,
/// permissions, a read-only file system, a file where a folder must be. Those fail the item at once; anything
/// else (unreachable, throttled, disk full) is transient and retried with backoff.
/// </summary>
public static class StoreFailures
{
    // Linux errno values that .NET reports as the HResult of an IOException.
    const int EEXIST = 17, ENOTDIR = 20, EISDIR = 21, EROFS = 30, ENAMETOOLONG = 36, ELOOP = 40;

    public static bool IsPermanent(Exception e) => e switch
    {
        ArgumentException or UnauthorizedAccessException or PathTooLongException => true,
        IOException io => io.HResult is EEXIST or ENOTDIR or EISDIR or EROFS or ENAMETOOLONG or ELOOP,
        AggregateException { InnerExceptions.Count: 1 } a => IsPermanent(a.InnerExceptions[0]),
        _ => false,
    };
}
