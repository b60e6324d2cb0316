using System.Runtime.InteropServices;
using StyleTransfer.Engine;
using StyleTransfer.Grains;

namespace StyleTransfer.Grains.Tests;

public class FailureReasonsTests
{
    [Fact]
    public void Input_errors_keep_their_message_naming_the_file() =>
        Assert.Equal("/in/a.png: file not found", FailureReasons.Describe(new InvalidInputException("/in/a.png", "file not found")));

    [Fact]
    public void Native_errors_keep_only_their_first_line() =>
        Assert.Equal("ExternalException: size mismatch",
            FailureReasons.Describe(new ExternalException("size mismatch\nException raised from foo at bar.cpp:1\nframe #0: ...")));

    [Fact]
    public void Cancellation_is_reported_as_cancelled() =>
        Assert.Equal(FailureReasons.Cancelled, FailureReasons.Describe(new OperationCanceledException()));
}
