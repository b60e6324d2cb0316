namespace StyleTransfer.Cluster.Tests;

/// <summary>Where the repository's built silo and installed tools are (see <see cref="RepoRoot"/>).</summary>
public static class RepoPaths
{
    static string Root => RepoRoot.Path;

    /// <summary>The silo host built in the same configuration as these tests.</summary>
    public static string SiloDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
            var path = Path.Combine(Root, "src", "StyleTransfer.Silo", "bin", configuration, "net10.0", "StyleTransfer.Silo.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"silo not built at {path}; build the solution first", path);
        }
    }

    public static string Azurite
    {
        get
        {
            var path = Path.Combine(Root, ".tools", "azurite", "node_modules", ".bin", "azurite");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Azurite not installed at {path}; run scripts/azurite.sh install", path);
        }
    }
}
