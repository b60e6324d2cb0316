using StyleTransfer.Storage;

namespace StyleTransfer.Cli.Datasets;

/// <summary>
/// Copies the content tree's other files into the output: a local folder (skipped when an identical copy is there:
/// same length and modification time; else a temp file renamed into place) or a result store under a prefix.
/// </summary>
public sealed class DatasetCopier(DatasetSources sources, string? outFolder, IResultStore? store, string prefix)
{
    public void Copy(string source, string name)
    {
        var local = new FileInfo(sources.LocalPath(source));
        if (!local.Exists) throw new UsageException($"--content: {source} is gone (listed, then removed while the dataset was planned)");
        if (outFolder is not null) CopyFile(local, Path.Combine(outFolder, name));
        else store!.CommitAsync(prefix.Length == 0 ? name : $"{prefix}/{name}", File.ReadAllBytes(local.FullName), new Dictionary<string, string>())
            .GetAwaiter().GetResult();
    }

    static void CopyFile(FileInfo source, string destination)
    {
        var existing = new FileInfo(destination);
        if (existing.Exists && existing.Length == source.Length && existing.LastWriteTimeUtc == source.LastWriteTimeUtc) return;
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var temp = Path.Combine(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.tmp");
        source.CopyTo(temp);
        File.SetLastWriteTimeUtc(temp, source.LastWriteTimeUtc);
        File.Move(temp, destination, overwrite: true);
    }
}
