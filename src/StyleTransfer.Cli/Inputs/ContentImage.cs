namespace StyleTransfer.Cli.Inputs;

/// <summary>A content input: its absolute path and the path as the user sees it (relative to the folder or list file).</summary>
public sealed record ContentImage(string FullPath, string DisplayPath);
