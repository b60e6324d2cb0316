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
        // libtorch's messages carry its C++ stack after the first line ("Exception raised from ...").
        System.Runtime.InteropServices.ExternalException => $"{e.GetType().Name}: {FirstLine(e.Message)}",
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    static string FirstLine(string message) => message.Split('\n', 2)[0].TrimEnd();
}
