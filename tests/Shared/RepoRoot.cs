namespace StyleTransfer.Tests.Shared;

/// <summary>The repository's root: the first folder above the test assembly that holds StyleTransfer.sln.</summary>
static class RepoRoot
{
    public static string Path { get; } = Find();

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "StyleTransfer.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no StyleTransfer.sln above {AppContext.BaseDirectory}");
    }
}
