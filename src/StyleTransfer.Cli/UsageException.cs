namespace StyleTransfer.Cli;

/// <summary>
/// A usage or setup problem (bad option value, missing input, nothing to do). The message names the input and the
/// problem in one line; the CLI prints it without a stack trace and exits with <see cref="ExitCodes.Usage"/>.
/// </summary>
public sealed class UsageException(string message) : Exception(message);
