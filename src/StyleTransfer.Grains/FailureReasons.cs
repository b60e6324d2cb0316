using StyleTransfer.Engine;

namespace StyleTransfer.Grains;

/// <summary>The reason recorded for a failed item: input and option errors by their message (it names the file or value), anything else by type and message.</summary>
public static class FailureReasons
{
    public const string Cancelled = "cancelled";

    public static string Describe(Exception e) => e switch
    {
        OperationCanceledException => Cancelled,
        InvalidInputException or ArgumentException => e.Message,
        AggregateException { InnerExceptions.Count: 1 } a => Describe(a.InnerExceptions[0]),
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
