using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StyleTransfer.Storage;

namespace StyleTransfer.Cli.Datasets;

/// <summary>
/// Takes a dataset's outputs and copies one at a time (from a tree walk or a replayed record) and writes, as it
/// goes, the record (<see cref="DatasetRecord"/>) and the job's manifest (the JSON lines <c>JobManifest</c> reads,
/// with absolute input paths), and copies the other files into every output tree. Nothing is held per item, so a
/// dataset of any size streams through. A dry run only counts. The record and manifest are complete (renamed into
/// place) only at <see cref="Finish"/>; the manifest is named by its hash, so a re-run of the same dataset finds
/// the same file and a changed one never rewrites a manifest a running job reads.
/// </summary>
public sealed class DatasetWriter : IDisposable
{
    readonly string _contentRoot;
    readonly string _stylesRoot;
    readonly DatasetSettings _settings;
    readonly Action<string, string>? _copy;
    readonly string? _workFolder;
    readonly StreamWriter? _record;
    readonly FileStream? _manifest;
    static readonly JsonSerializerOptions ManifestJson = new(JsonDefaults.Compact)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    readonly IncrementalHash _manifestHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    readonly string _recordTemp = "";
    readonly string _manifestTemp = "";
    string? _lastContent;

    /// <param name="copy">copies a file (its local path or azure:// name) to an output name; null in a dry run.</param>
    /// <param name="recordFolder">where the record is written (the local output folder, else the work folder).</param>
    /// <param name="workFolder">where the manifest is written; null = a dry run that writes nothing.</param>
    public DatasetWriter(string contentRoot, string stylesRoot, DatasetSettings settings, Action<string, string>? copy, string? recordFolder, string? workFolder)
    {
        (_contentRoot, _stylesRoot, _settings, _copy, _workFolder) = (contentRoot, stylesRoot, settings, copy, workFolder);
        if (workFolder is null || recordFolder is null) return;
        Directory.CreateDirectory(workFolder);
        Directory.CreateDirectory(recordFolder);
        var tag = Guid.NewGuid().ToString("N")[..8];
        _recordTemp = Path.Combine(recordFolder, $".{DatasetNames.RecordName}.{tag}.tmp");
        _manifestTemp = Path.Combine(workFolder, $".manifest.{tag}.tmp");
        _record = new StreamWriter(_recordTemp, false, new UTF8Encoding(false));
        _manifest = new FileStream(_manifestTemp, FileMode.CreateNew, FileAccess.Write);
    }

    public int Images { get; private set; }
    public int Outputs { get; private set; }
    public int Copies { get; private set; }
    public long CopiedBytes { get; private set; }

    /// <summary>The first output, for a dry run's calibration.</summary>
    public DatasetRecord.Line? FirstOutput { get; private set; }

    public void Begin(DatasetRecord.Header header) => _record?.WriteLine(DatasetRecord.Serialize(header));

    public void AddOutput(DatasetRecord.Line line)
    {
        if (ResultNames.Problem(line.Output!) is string problem) throw new UsageException($"output name {line.Output}: {problem}");
        if (line.Content != _lastContent) Images++;
        _lastContent = line.Content;
        Outputs++;
        FirstOutput ??= line;
        _record?.WriteLine(DatasetRecord.Serialize(line));
        if (_manifest is null) return;
        var output = _settings.Output;
        var item = JsonSerializer.Serialize(new
        {
            content = ContentPath(line.Content!),
            style = StylePath(line.Style!),
            output = line.Output,
            format = output.Format,
            quality = output.Quality,
            contentSize = output.ContentSize,
            crop = output.CenterCrop ? "center" : "none",
            alpha = line.Alpha,
        }, ManifestJson);
        var bytes = Encoding.UTF8.GetBytes(item + "\n");
        _manifest.Write(bytes);
        _manifestHash.AppendData(bytes);
    }

    /// <summary>Copies a file of the content tree, unchanged, into every output tree.</summary>
    public void AddCopy(string relativePath)
    {
        if (ResultNames.Problem(relativePath) is string problem) throw new UsageException($"file {relativePath}: {problem}");
        var source = ContentPath(relativePath);
        Copies++;
        if (!DatasetSources.IsAzure(source) && new FileInfo(source) is { Exists: true } info) CopiedBytes += info.Length * _settings.AlphaLevels.Count;
        _record?.WriteLine(DatasetRecord.Serialize(new DatasetRecord.Line(Copy: relativePath)));
        if (_copy is null) return;
        foreach (var alpha in _settings.AlphaLevels) _copy(source, _settings.LevelPrefix(alpha) + relativePath);
    }

    string ContentPath(string relative) => DatasetSources.Join(_contentRoot, relative);

    string StylePath(string relative) => DatasetSources.Join(_stylesRoot, relative);

    /// <summary>Closes the files and moves them into place: the record's path and the manifest's (null in a dry run).</summary>
    public (string? Record, string? Manifest) Finish()
    {
        if (_record is null || _manifest is null || _workFolder is null) return (null, null);
        _record.Dispose();
        _manifest.Dispose();
        var record = Path.Combine(Path.GetDirectoryName(_recordTemp)!, DatasetNames.RecordName);
        File.Move(_recordTemp, record, overwrite: true);
        var manifest = Path.Combine(_workFolder, $"manifest-{Convert.ToHexStringLower(_manifestHash.GetHashAndReset())[..16]}.jsonl");
        if (File.Exists(manifest)) File.Delete(_manifestTemp);
        else File.Move(_manifestTemp, manifest);
        return (record, manifest);
    }

    public void Dispose()
    {
        _record?.Dispose();
        _manifest?.Dispose();
        _manifestHash.Dispose();
        foreach (var temp in new[] { _recordTemp, _manifestTemp })
            if (temp.Length > 0 && File.Exists(temp)) File.Delete(temp);
    }
}
