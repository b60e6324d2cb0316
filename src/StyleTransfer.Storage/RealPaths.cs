namespace StyleTransfer.Storage;

/// <summary>Paths with their symbolic links resolved (as realpath(3) would), for checks that a path stays under a root.</summary>
public static class RealPaths
{
    const int MaxLinks = 40; // as Linux's ELOOP limit

    /// <summary>
    /// <paramref name="fullPath"/> with every symbolic link among its existing components replaced by its target;
    /// components that do not exist are kept as they are. Throws <see cref="IOException"/> on a link loop.
    /// </summary>
    public static string Resolve(string fullPath)
    {
        int links = 0;
        return Resolve(Path.GetFullPath(fullPath), ref links);
    }

    static string Resolve(string fullPath, ref int links)
    {
        var root = Path.GetPathRoot(fullPath)!;
        var parts = fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var path = root;
        for (int i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(path, parts[i]);
            var info = new FileInfo(next);
            if (info.LinkTarget is string target)
            {
                if (++links > MaxLinks) throw new IOException($"Too many levels of symbolic links at {next}.");
                var targetPath = Path.GetFullPath(target, path);
                path = Resolve(targetPath, ref links);
            }
            else if (!info.Exists && !Directory.Exists(next))
            {
                return Path.Combine([next, .. parts[(i + 1)..]]);
            }
            else
            {
                path = next;
            }
        }
        return path;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> or below it (both resolved).</summary>
    public static bool IsInside(string path, string root) =>
        path == root || path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
