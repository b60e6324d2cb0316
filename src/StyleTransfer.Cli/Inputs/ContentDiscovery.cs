namespace StyleTransfer.Cli.Inputs;

/// <summary>
/// Finds the content images of a batch. <c>--content</c> names a folder (its image files, sorted by path; hidden
/// files and folders ignored; subfolders only with <c>recursive</c>), a list file (one path per line, relative to the
/// list file, '#' starts a comment line) or a single image file.
/// </summary>
public static class ContentDiscovery
{
    /// <param name="option">the option that named <paramref name="content"/>, for messages (a study's --style too).</param>
    public static IReadOnlyList<ContentImage> Discover(string content, bool recursive, Func<string, bool>? exclude = null,
        string option = "--content")
    {
        if (string.IsNullOrWhiteSpace(content))
            throw new UsageException($"{option}: no folder or list file given");
        var full = Path.GetFullPath(content);
        IReadOnlyList<ContentImage> images;
        if (Directory.Exists(full))
        {
            images = ListFolder(full, recursive);
            if (exclude is not null) images = images.Where(i => !exclude(i.FullPath)).ToList();
            if (images.Count == 0)
                throw new UsageException($"{option} {content}: no images found (looked for {string.Join(" ", Engine.Imaging.ImageIO.SupportedExtensions)}{(recursive ? ", recursively" : "; add --recursive to include subfolders")})");
            return images;
        }
        if (!File.Exists(full))
            throw new UsageException($"{option} {content}: no such file or folder");
        if (ImageFiles.HasImageExtension(full))
            return [new ContentImage(full, content)];
        images = ReadListFile(full, option);
        if (images.Count == 0)
            throw new UsageException($"{option} {content}: the list file names no images");
        return images;
    }

    public static IReadOnlyList<ContentImage> ListFolder(string folder, bool recursive)
    {
        var root = new DirectoryInfo(Path.GetFullPath(folder));
        var found = new List<ContentImage>();
        Collect(root, root, recursive, found);
        found.Sort((a, b) => string.CompareOrdinal(a.DisplayPath, b.DisplayPath));
        return found;
    }

    static void Collect(DirectoryInfo root, DirectoryInfo folder, bool recursive, List<ContentImage> found)
    {
        foreach (var file in folder.EnumerateFiles())
        {
            if (ImageFiles.IsHidden(file) || !ImageFiles.HasImageExtension(file.Name)) continue;
            found.Add(new ContentImage(file.FullName, Path.GetRelativePath(root.FullName, file.FullName).Replace('\\', '/')));
        }
        if (!recursive) return;
        foreach (var sub in folder.EnumerateDirectories())
            if (!ImageFiles.IsHidden(sub) && (sub.Attributes & FileAttributes.ReparsePoint) == 0)
                Collect(root, sub, recursive, found);
    }

    /// <summary>
    /// Every non-comment line is an item, whatever its extension and whether it exists: a bad entry becomes an item
    /// that fails with the engine's reason instead of silently disappearing. Duplicate paths are listed once.
    /// </summary>
    public static IReadOnlyList<ContentImage> ReadListFile(string listFile, string option = "--content")
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(listFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} {listFile}: cannot read the list file ({e.Message})");
        }
        if (lines.Any(l => l.Contains('\0')))
            throw new UsageException($"{option} {listFile}: not a text list file (one image path per line) nor a folder");

        var baseFolder = Path.GetDirectoryName(Path.GetFullPath(listFile))!;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var images = new List<ContentImage>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var full = Path.GetFullPath(Path.Combine(baseFolder, line));
            if (seen.Add(full)) images.Add(new ContentImage(full, line));
        }
        return images;
    }
}
