using System.Collections.Concurrent;
using StyleTransfer.Cli.Inputs;
using StyleTransfer.Engine;
using StyleTransfer.Engine.Imaging;

namespace StyleTransfer.Cli.Datasets;

/// <summary>A usable style: its file, its path relative to the styles folder, and the unique stem output names use.</summary>
public sealed record DatasetStyle(string FullPath, string RelativePath, string Stem);

/// <summary>A style image left out, and why.</summary>
public sealed record ExcludedStyle(string RelativePath, string Reason);

/// <summary>
/// The style images of a dataset, checked before any work: each is decoded in full, and an unreadable, corrupt or
/// too small one (shorter side under the minimum) is excluded, listed with its reason, and never assigned. Usable
/// styles are sorted by relative path (ordinal), the order <see cref="StyleAssignment"/> draws from.
/// </summary>
public sealed record StyleLibrary(IReadOnlyList<DatasetStyle> Usable, IReadOnlyList<ExcludedStyle> Excluded)
{
    public const int DefaultMinSide = 32;

    /// <param name="folder">a local folder or an azure:// prefix (its styles are downloaded to check them).</param>
    public static StyleLibrary Load(string folder, int minSide, DatasetSources sources, string option = "--styles")
    {
        var root = DatasetSources.Normalize(folder);
        if (!sources.Exists(root))
            throw new UsageException(File.Exists(root) ? $"{option} {folder}: is a file; give a folder of style images" : $"{option} {folder}: no such folder");
        var files = sources.Walk(root).SelectMany(f => f.Files).Where(f => f.IsImage).ToList();
        var problems = new ConcurrentDictionary<string, string>();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, file =>
        {
            if (Problem(sources, file.FullPath, minSide) is string problem) problems[file.RelativePath] = problem;
        });
        var usable = files.Where(f => !problems.ContainsKey(f.RelativePath)).ToList();
        var stems = OutputNames.UniqueStems(usable.Select(f => f.RelativePath).ToList());
        return new StyleLibrary(
            usable.Select((f, i) => new DatasetStyle(f.FullPath, f.RelativePath, stems[i])).ToList(),
            problems.Select(p => new ExcludedStyle(p.Key, p.Value)).OrderBy(e => e.RelativePath, StringComparer.Ordinal).ToList());
    }

    static string? Problem(DatasetSources sources, string file, int minSide)
    {
        try
        {
            using var image = ImageIO.Load(sources.LocalPath(file));
            int shorter = Math.Min(image.Width, image.Height);
            return shorter < minSide ? $"too small ({image.Width}x{image.Height} px; the shorter side must be at least {minSide} px)" : null;
        }
        catch (InvalidInputException e)
        {
            return e.Problem;
        }
        catch (Exception e) when (e is IOException or Azure.RequestFailedException)
        {
            return $"cannot be read ({e.Message.Split('\n')[0].TrimEnd('.')})";
        }
    }
}
