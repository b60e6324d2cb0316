using StyleTransfer.Cli.Inputs;

namespace StyleTransfer.Cli.Datasets;

/// <summary>A file of the content tree: an image to stylize, or another file (labels, annotations) to copy through.</summary>
public sealed record ContentFile(string FullPath, string RelativePath, bool IsImage);

/// <summary>One folder of the content tree with its files, sorted by name (ordinal).</summary>
public sealed record ContentFolder(string RelativePath, IReadOnlyList<ContentFile> Files);

/// <summary>
/// Walks a content tree lazily, one folder at a time (depth first, sorted), so a tree of any size is never held in
/// memory. Image extensions are matched without regard to case; hidden files and folders and folder links are skipped.
/// Relative paths use '/'.
/// </summary>
public static class ContentTree
{
    public static IEnumerable<ContentFolder> Walk(string root)
    {
        var rootInfo = new DirectoryInfo(Path.GetFullPath(root));
        var pending = new Stack<DirectoryInfo>();
        pending.Push(rootInfo);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            var relative = Relative(rootInfo, folder.FullName);
            var files = folder.EnumerateFiles()
                .Where(f => !ImageFiles.IsHidden(f))
                .Select(f => new ContentFile(f.FullName, Relative(rootInfo, f.FullName), ImageFiles.HasImageExtension(f.Name)))
                .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
                .ToList();
            yield return new ContentFolder(relative, files);
            var subfolders = folder.EnumerateDirectories()
                .Where(d => !ImageFiles.IsHidden(d) && (d.Attributes & FileAttributes.ReparsePoint) == 0)
                .OrderBy(d => d.Name, StringComparer.Ordinal)
                .ToList();
            for (int i = subfolders.Count - 1; i >= 0; i--) pending.Push(subfolders[i]);
        }
    }

    static string Relative(DirectoryInfo root, string path)
    {
        var relative = Path.GetRelativePath(root.FullName, path).Replace('\\', '/');
        return relative == "." ? "" : relative;
    }
}
