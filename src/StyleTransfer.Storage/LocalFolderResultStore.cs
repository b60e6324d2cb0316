using System.Text.Json;

namespace StyleTransfer.Storage;

/// <summary>
/// Results as files under a root folder, metadata in a "&lt;name&gt;.meta.json" sidecar beside each.
/// A commit writes the sidecar, then the content, each to a unique temp file in the target folder that is
/// fsynced and renamed over the final name; so the content file exists only once its metadata does, and a
/// crash leaves at most a hidden ".*.tmp" file that is never reported as a result. Names are resolved through the
/// symbolic links the folder holds: a name that reaches outside the root through a link is refused, so no result,
/// temp file or sidecar is ever written (or read) outside it.
/// </summary>
public sealed class LocalFolderResultStore : IResultStore
{
    private static readonly JsonSerializerOptions SidecarJson = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
    };

    private readonly string _root;

    public LocalFolderResultStore(string rootPath)
    {
        if (string.IsNullOrWhiteSpace(rootPath))
            throw new ArgumentException("Root folder path is empty.", nameof(rootPath));
        Directory.CreateDirectory(Path.GetFullPath(rootPath));
        _root = RealPaths.Resolve(Path.GetFullPath(rootPath));
    }

    public string RootPath => _root;

    public string Describe() => $"local folder {_root}";

    public async Task<StoredResult?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = PathOf(name);
        var file = new FileInfo(path);
        if (!file.Exists)
            return null;
        var metadata = await ReadSidecarAsync(path + ResultNames.MetadataSuffix, cancellationToken).ConfigureAwait(false);
        return new StoredResult(name, path, file.Length, metadata);
    }

    public async Task<StoredResult> CommitAsync(string name, ReadOnlyMemory<byte> content,
        IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default)
    {
        var path = PathOf(name);
        var checkedMetadata = ResultMetadata.Validate(metadata);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // The folders are there now: check again, in case a link appeared in between.
        if (PathOf(name) != path)
            throw new ArgumentException($"Result name '{name}' changed its meaning while it was committed (a link was replaced).", nameof(name));

        var sidecar = JsonSerializer.SerializeToUtf8Bytes(new Sidecar(checkedMetadata), SidecarJson);
        await WriteAtomicallyAsync(path + ResultNames.MetadataSuffix, sidecar, cancellationToken).ConfigureAwait(false);
        await WriteAtomicallyAsync(path, content, cancellationToken).ConfigureAwait(false);
        return new StoredResult(name, path, content.Length, checkedMetadata);
    }

    public async Task<byte[]> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = PathOf(name);
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"No result named '{name}' in {Describe()}.", path, e);
        }
    }

    /// <summary>The real path of a name (links resolved), or an <see cref="ArgumentException"/> when it leaves the root.</summary>
    private string PathOf(string name)
    {
        var segments = ResultNames.Validate(name);
        var path = _root;
        foreach (var segment in segments)
        {
            var next = Path.Combine(path, segment);
            var info = new FileInfo(next);
            if (info.LinkTarget is null)
            {
                path = next;
                continue;
            }
            var target = RealPaths.Resolve(next);
            if (!RealPaths.IsInside(target, _root))
                throw new ArgumentException(
                    $"Result name '{name}' leads outside the store root {_root} through the symbolic link {next} (to {target}).", nameof(name));
            path = target;
        }
        if (!RealPaths.IsInside(path, _root))
            throw new ArgumentException($"Result name '{name}' resolves outside the store root {_root}.", nameof(name));
        return path;
    }

    private static async Task WriteAtomicallyAsync(string finalPath, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(finalPath)!;
        var tempPath = Path.Combine(folder, $".{Path.GetFileName(finalPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None,
                             bufferSize: 0, useAsync: true))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            // rename(2): readers see the old file or the new one, never a partial one.
            File.Move(tempPath, finalPath, overwrite: true);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static async Task<IReadOnlyDictionary<string, string>> ReadSidecarAsync(string sidecarPath, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(sidecarPath))
            return result; // a file placed by hand, without a sidecar
        await using var stream = File.OpenRead(sidecarPath);
        var sidecar = await JsonSerializer.DeserializeAsync<Sidecar>(stream, SidecarJson, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"Metadata sidecar {sidecarPath} is empty.");
        foreach (var (key, value) in sidecar.Metadata)
            result[key] = value;
        return result;
    }

    private sealed record Sidecar(Dictionary<string, string> Metadata);

    public async IAsyncEnumerable<string> ListAsync(string prefix = "",
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        int slash = prefix.LastIndexOf('/');
        var folder = slash < 0 ? _root : PathOf(prefix[..slash]);
        if (!Directory.Exists(folder))
            yield break;
        // Hidden entries (temp files, dot folders) are skipped by the default attributes; symlinked folders are not followed.
        var files = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true });
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || name.EndsWith(ResultNames.MetadataSuffix, StringComparison.OrdinalIgnoreCase)
                || name.Split('/').Any(segment => segment.StartsWith('.')))
                continue;
            yield return name;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }
}
