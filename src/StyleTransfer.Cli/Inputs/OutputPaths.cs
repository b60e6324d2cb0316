using StyleTransfer.Storage;

namespace StyleTransfer.Cli.Inputs;

/// <summary>Checks of a local --out before anything runs: where it can go, and what it must never replace.</summary>
public static class OutputPaths
{
    /// <summary>A usage error when a folder on the way to <paramref name="folder"/> is a file.</summary>
    public static void CheckFolder(string option, string value, string folder)
    {
        for (var dir = Path.GetFullPath(folder); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(dir)) throw new UsageException($"{option} {value}: {dir} is a file, not a folder");
            if (Directory.Exists(dir)) return;
        }
    }

    /// <summary>A usage error when <paramref name="file"/> is one of the inputs (links resolved): inputs are never overwritten.</summary>
    public static void CheckNotAnInput(string option, string value, string file, IEnumerable<(string Role, string? Path)> inputs)
    {
        var output = RealPaths.Resolve(Path.GetFullPath(file));
        foreach (var (role, path) in inputs)
            if (path is not null && RealPaths.Resolve(Path.GetFullPath(path)) == output)
                throw new UsageException($"{option} {value}: is the {role} image; inputs are never overwritten, give another output file");
    }

    /// <summary>Whether <paramref name="file"/> is an earlier output of ours under <paramref name="outFolder"/> (it has a sidecar there).</summary>
    public static bool IsOutputIn(string outFolder, string file) =>
        RealPaths.IsInside(RealPaths.Resolve(Path.GetFullPath(file)), RealPaths.Resolve(Path.GetFullPath(outFolder)))
        && File.Exists(file + ResultNames.MetadataSuffix);
}
