namespace StyleTransfer.Cli.Inputs;

/// <summary>A study's images from its --content or --style values: each a folder, a list file or one image.</summary>
public static class StudyImageFiles
{
    public static IReadOnlyList<string> Discover(string option, IEnumerable<string> values, bool recursive)
    {
        var found = new List<string>();
        foreach (var value in values)
        {
            var images = ContentDiscovery.Discover(value, recursive, option: option);
            var missing = images.FirstOrDefault(i => !File.Exists(i.FullPath));
            if (missing is not null) throw new UsageException($"{option} {value}: {missing.DisplayPath}: no such file");
            found.AddRange(images.Select(i => i.FullPath).Where(p => !found.Contains(p)));
        }
        if (found.Count == 0) throw new UsageException($"{option}: required (folders, list files or images)");
        return found;
    }
}
