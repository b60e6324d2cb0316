namespace StyleTransfer.Deploy.Tests;

/// <summary>Paths in the repository, whose root is the first folder above the test assembly that holds StyleTransfer.sln.</summary>
static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Chart => Combine("helm", "styletransfer");

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "StyleTransfer.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no StyleTransfer.sln above {AppContext.BaseDirectory}");
    }
}
