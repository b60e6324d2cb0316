using StyleTransfer.Grains;
using StyleTransfer.Engine.Methods;
using System.CommandLine;
using System.Globalization;
using StyleTransfer.Cli.Datasets;
using StyleTransfer.Cli.Inputs;
using StyleTransfer.Cli.Options;
using StyleTransfer.Contracts;
using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Storage;

namespace StyleTransfer.Cli.Commands;

/// <summary>
/// <c>styletransfer dataset</c>: a stylized mirror of a content tree (class folders kept, other files copied
/// through), each image given seeded random styles from a folder. The outputs are planned into a record and a
/// manifest (streamed, folder by folder) and run as one manifest job, so a re-run resumes and skips what is done.
/// </summary>
public sealed class DatasetCommand : Command
{
    public const string Examples = """
        Examples:
          styletransfer dataset --content photos/ --styles paintings/ --out stylized/ --content-size 256 --crop center --format jpg
          styletransfer dataset --content train/ --styles paintings/ --out stylized/ --styles-per-image 2 --seed 7 --dry-run
          styletransfer dataset --replay stylized/dataset-record.jsonl --out stylized-again/
          styletransfer dataset --content azure://photos/train --styles azure://paintings/all --out stylized/train --store azure --container results

        Every image of the content tree (extensions matched without regard to case) gives <folder>/<stem>__<style>.<format>
        per drawn style; other files (labels, annotations) are copied unchanged unless --images-only. The draw depends only
        on --seed and the image's relative path. Styles that cannot be read, are corrupt or are too small are listed and
        never assigned. The record (dataset-record.jsonl in --out) lists every output and copy before anything is
        stylized; --replay runs it again. Re-running the same command resumes: finished outputs are skipped.
        azure://<container>/<prefix> roots are read with --azure-connection (or $AZURE_STORAGE_CONNECTION_STRING); the
        nodes read them with their result store's account (--store azure, or a cluster whose store is Azure).
        Exit codes: 0 all succeeded or skipped, 2 some items failed, 1 usage or setup error, 130 cancelled.
        """;

    readonly MethodOptions _method = new();
    readonly ClusterOptions _cluster = new();

    readonly Option<string?> _content = new("--content", "-c") { Description = "Content tree: a folder (subfolders included)", HelpName = "folder" };
    readonly Option<string?> _styles = new("--styles") { Description = "Folder of style images (subfolders included)", HelpName = "folder" };
    readonly Option<string> _out = new("--out", "-o")
    {
        Description = "Output folder (with --cluster or --store azure: result name prefix)",
        Required = true,
        HelpName = "folder",
    };
    readonly Option<int> _stylesPerImage = new("--styles-per-image") { Description = "Styles drawn (without replacement) per image, each its own output", DefaultValueFactory = _ => 1, HelpName = "k" };
    readonly Option<string?> _alphaLevels = new("--alpha-levels") { Description = "Comma-separated strengths in [0,1], one output tree (alpha-<a>/) each", HelpName = "a,b,..." };
    readonly Option<int> _contentSize = new("--content-size") { Description = "Shorter side of each content image in px before stylizing (0 keeps its size); replaces --size", DefaultValueFactory = _ => 0, HelpName = "px" };
    readonly Option<string> _crop = new Option<string>("--crop") { Description = "center: cut the centred square after resizing", DefaultValueFactory = _ => "none" }.AcceptOnlyFromAmong("center", "none");
    readonly Option<string> _format = new Option<string>("--format") { Description = "Output image format", DefaultValueFactory = _ => ItemOutput.Png }.AcceptOnlyFromAmong(ItemOutput.Png, ItemOutput.Jpg);
    readonly Option<int> _quality = new("--quality") { Description = "JPEG quality (1..100)", DefaultValueFactory = _ => ItemOutput.DefaultQuality, HelpName = "q" };
    readonly Option<bool> _imagesOnly = new("--images-only") { Description = "Do not copy the content tree's other files (labels, annotations)" };
    readonly Option<int> _minStyleSize = new("--min-style-size") { Description = "Styles with a shorter side below this are excluded", DefaultValueFactory = _ => StyleLibrary.DefaultMinSide, HelpName = "px" };
    readonly Option<string?> _replay = new("--replay") { Description = "Run a dataset record again (method, geometry and assignment from the record; --content/--styles move its roots)", HelpName = "record.jsonl" };
    readonly Option<bool> _dryRun = new("--dry-run") { Description = "Count images, styles and outputs and estimate disk use and time (short calibration here); stylize nothing" };
    readonly Option<string?> _work = new("--work")
    {
        Description = "Folder for the job's manifest, readable by every silo (default: <out>/.dataset; required when --out is not a local folder)",
        HelpName = "folder",
    };

    public DatasetCommand() : base("dataset", "Stylize a whole content tree (class folders kept) with seeded random styles, as one job")
    {
        foreach (var option in new Option[] { _content, _styles, _out, _stylesPerImage, _alphaLevels, _contentSize, _crop, _format, _quality,
                     _imagesOnly, _minStyleSize, _replay, _dryRun, _work })
            Options.Add(option);
        _method.AddTo(this);
        _cluster.AddTo(this);
        SetAction((parse, cancellationToken) => CliApp.GuardAsync(parse, () => RunAsync(parse, cancellationToken)));
    }

    async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        // An alpha for a method without one is refused in the dataset's words, which --alpha-levels shares.
        if (parse.GetResult(_method.Alpha) is { Implicit: false } && MethodRegistry.TryGet(parse.GetValue(_method.Method)!.Trim()) is { } chosen)
            AlphaSupport.Check(chosen.Name, "--alpha");
        var options = _method.Bind(parse);
        if (parse.GetResult(_method.Size) is { Implicit: false })
            throw new UsageException("--size: a dataset keeps each image's own size or resizes it with --content-size; drop --size");
        var target = _cluster.Bind(parse);
        var outValue = parse.GetValue(_out)!;
        var sources = new DatasetSources(parse.GetValue(_cluster.AzureConnection) ?? Environment.GetEnvironmentVariable(ClusterOptions.AzureConnectionEnvironmentVariable));

        DatasetRecord.Header header;
        IEnumerable<DatasetRecord.Line>? replayed = null;
        StyleLibrary? styles = null;
        var replay = parse.GetValue(_replay);
        if (replay is not null)
        {
            (header, replayed) = DatasetRecord.Open(Path.GetFullPath(replay));
            header = header with
            {
                Content = parse.GetValue(_content) is string c ? DatasetSources.Normalize(c) : header.Content,
                Styles = parse.GetValue(_styles) is string s ? DatasetSources.Normalize(s) : header.Styles,
                Options = header.Options with { Shared = header.Options.Shared with { Device = options.Shared.Device } },
            };
            options = header.Options;
            if (!sources.Exists(header.Content)) throw new UsageException($"--replay {replay}: its content {header.Content} is not here; give --content");
            if (!sources.Exists(header.Styles)) throw new UsageException($"--replay {replay}: its styles {header.Styles} are not here; give --styles");
        }
        else
        {
            var content = parse.GetValue(_content) ?? throw new UsageException("--content: required (the content tree), or --replay a record");
            var contentRoot = DatasetSources.Normalize(content);
            if (!sources.Exists(contentRoot)) throw new UsageException($"--content {content}: no such folder");
            var stylesValue = parse.GetValue(_styles) ?? throw new UsageException("--styles: required (a folder of style images)");
            styles = StyleLibrary.Load(stylesValue, parse.GetValue(_minStyleSize), sources);
            WriteExcluded(output, styles.Excluded);
            if (styles.Usable.Count == 0) throw new UsageException($"--styles {stylesValue}: no usable style images");
            int k = parse.GetValue(_stylesPerImage);
            if (k < 1 || k > styles.Usable.Count)
                throw new UsageException($"--styles-per-image {k}: must be 1..{styles.Usable.Count} (the usable styles)");
            var shape = new ItemOutput(parse.GetValue(_format)!, parse.GetValue(_quality), parse.GetValue(_contentSize), parse.GetValue(_crop) == "center");
            if (shape.Problem() is string problem) throw new UsageException(problem.Contains("quality") ? $"--quality: {problem}" : $"--content-size: {problem}");
            var method = options.Method;
            var levels = AlphaLevels(parse, method);
            // The model a feed-forward method runs, recorded by its content so a replay can tell it is the same.
            var model = options.Fast.ModelPath ?? options.AdaIn.ModelPath;
            var modelHash = model is null ? null : $"sha256:{FileHashes.Sha256(model)}";
            header = new DatasetRecord.Header(DatasetRecord.Kind, contentRoot, DatasetSources.Normalize(stylesValue), options.Shared.Seed, k, levels, method, modelHash,
                options, shape.Format, shape.Quality, shape.ContentSize, shape.CenterCrop ? "center" : "none", parse.GetValue(_imagesOnly), styles.Excluded);
        }
        var settings = new DatasetSettings(header.Seed, header.StylesPerImage, header.AlphaLevels is { Count: > 0 } l ? l : [null], header.Method, header.Model,
            new ItemOutput(header.Format, header.Quality, header.ContentSize, header.Crop == "center"), header.ImagesOnly);
        if (settings.Output.ContentSize > 0) options = options with { Shared = options.Shared with { MaxSize = settings.Output.ContentSize } };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(settings.Output.ContentSize > 0 ? $"--content-size {settings.Output.ContentSize}: {e.Message}" : e.Message);
        }
        if ((DatasetSources.IsAzure(header.Content) || DatasetSources.IsAzure(header.Styles)) && target.IsEmbedded && target.Store!.Kind != ResultStoreOptions.AzureKind)
            throw new UsageException("--store azure: nodes read azure:// inputs with their result store's Azure account; add --store azure (or use a cluster whose store is Azure)");

        bool dryRun = parse.GetValue(_dryRun);
        var (outFolder, prefix) = Destination(target, outValue, header.Content);
        IResultStore? store = outFolder is null && target.IsEmbedded ? ResultStoreFactory.Create(target.Store!) : null;
        var work = parse.GetValue(_work) is string w ? Path.GetFullPath(w)
            : outFolder is not null ? Path.Combine(outFolder, ".dataset")
            : target.IsEmbedded ? Path.Combine(Path.GetTempPath(), "styletransfer-dataset", target.Store!.Container ?? "store", prefix)
            : dryRun ? null : throw new UsageException("--work: required with --cluster (a folder every silo can read, for the job's manifest and the record)");
        if (outFolder is null && store is null && !settings.ImagesOnly && !dryRun)
            throw new UsageException("--images-only: copying the content tree's other files into a running cluster's store is not supported; add --images-only");

        var copier = new DatasetCopier(sources, outFolder, store, prefix);
        using var writer = new DatasetWriter(header.Content, header.Styles, settings, dryRun ? null : copier.Copy, outFolder ?? work, dryRun ? null : work);
        writer.Begin(header);
        if (replayed is not null) DatasetPlanner.Replay(replayed, writer);
        else DatasetPlanner.Plan(header.Content, styles!, settings, writer, sources);
        var (record, manifest) = writer.Finish();
        if (writer.Outputs == 0) throw new UsageException($"--content {header.Content}: no images found (looked for {string.Join(" ", Engine.Imaging.ImageIO.SupportedExtensions)}, in every subfolder)");
        if (record is not null && store is not null)
        {
            var name = prefix.Length == 0 ? DatasetNames.RecordName : $"{prefix}/{DatasetNames.RecordName}";
            record = (await store.CommitAsync(name, await File.ReadAllBytesAsync(record, cancellationToken), new Dictionary<string, string>(), cancellationToken)).Location;
        }
        output.WriteLine($"Dataset: {writer.Images} images, {(styles is null ? "styles from the record" : $"{styles.Usable.Count} styles ({styles.Excluded.Count} excluded)")}, " +
                         $"{writer.Outputs} outputs, {writer.Copies} other files copied through{(record is null ? "" : $"; record {record}")}");
        if (dryRun)
        {
            WriteEstimate(output, writer, header, options, settings, sources, cancellationToken);
            return ExitCodes.Success;
        }

        var jobId = _cluster.ExplicitJobId(parse) ?? Running.JobIds.Derive([], MethodSpecMapping.ToSpec(options), prefix, $"{target.Describe()} dataset {manifest}");
        var spec = JobLauncher.Validated(new JobSpec(jobId, prefix, [], MethodSpecMapping.ToSpec(options)) { ManifestPath = manifest, Overwrite = parse.GetValue(_cluster.Overwrite) });
        return await JobLauncher.RunAsync(parse, _cluster, target, spec, cancellationToken);
    }

    /// <summary>The local output folder (and prefix "") or, for a store or a cluster, the name prefix.</summary>
    static (string? Folder, string Prefix) Destination(ClusterTarget target, string outValue, string contentRoot)
    {
        if (!target.OutIsLocalFolder) return (null, JobLauncher.NamePrefix("--out", outValue));
        var folder = Path.GetFullPath(outValue);
        if (File.Exists(folder)) throw new UsageException($"--out {outValue}: is a file; give a folder");
        OutputPaths.CheckFolder("--out", outValue, folder);
        if (!DatasetSources.IsAzure(contentRoot))
        {
            var realOut = RealPaths.Resolve(folder);
            var realContent = RealPaths.Resolve(contentRoot);
            if (RealPaths.IsInside(realOut, realContent) || RealPaths.IsInside(realContent, realOut))
                throw new UsageException($"--out {outValue}: must be outside the content tree {contentRoot} (and not contain it)");
        }
        target.Store!.Path = folder;
        return (folder, "");
    }

    IReadOnlyList<double?> AlphaLevels(ParseResult parse, string method)
    {
        // --alpha is the method's option (adain); given explicitly, it is also recorded with every output.
        double? alpha = parse.GetResult(_method.Alpha) is { Implicit: false } ? parse.GetValue(_method.Alpha) : null;
        var levels = parse.GetValue(_alphaLevels);
        if (alpha is not null && levels is not null) throw new UsageException("--alpha-levels: give --alpha or --alpha-levels, not both");
        if (alpha is double a)
        {
            if (!(a is >= 0 and <= 1)) throw new UsageException($"--alpha {a.ToString(CultureInfo.InvariantCulture)}: must be in [0,1]");
            AlphaSupport.Check(method, "--alpha");
            return [a];
        }
        if (levels is null) return [null];
        var parsed = new List<double?>();
        foreach (var token in levels.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var level) || !(level is >= 0 and <= 1))
                throw new UsageException($"--alpha-levels {levels}: '{token}' is not a number in [0,1]");
            if (parsed.Contains(level)) throw new UsageException($"--alpha-levels {levels}: {token} is given twice");
            parsed.Add(level);
        }
        AlphaSupport.Check(method, "--alpha-levels");
        return parsed;
    }

    static void WriteExcluded(TextWriter output, IReadOnlyList<ExcludedStyle> excluded)
    {
        if (excluded.Count == 0) return;
        output.WriteLine($"Excluded styles ({excluded.Count}), never assigned:");
        foreach (var style in excluded) output.WriteLine($"  {Running.SafeText.Escape(style.RelativePath)}: {Running.SafeText.Escape(style.Reason)}");
    }

    static void WriteEstimate(TextWriter output, DatasetWriter writer, DatasetRecord.Header header, StylizeOptions options, DatasetSettings settings,
        DatasetSources sources, CancellationToken cancellationToken)
    {
        var first = writer.FirstOutput!;
        var estimate = DatasetEstimate.Calibrate(sources.LocalPath(DatasetSources.Join(header.Content, first.Content!)),
            sources.LocalPath(DatasetSources.Join(header.Styles, first.Style!)),
            options, settings.Output, cancellationToken);
        double disk = (double)estimate.BytesPerOutput * writer.Outputs + writer.CopiedBytes;
        var time = TimeSpan.FromSeconds(estimate.SecondsPerOutput * writer.Outputs);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Estimate from one output calibrated on this machine ({estimate.Device}): {estimate.SecondsPerOutput:0.00} s and {estimate.BytesPerOutput / 1024.0:0.0} KiB per output; " +
            $"about {disk / (1024 * 1024):0.0} MiB on disk and {Running.ProgressText.Duration(time)} for {writer.Outputs} outputs one at a time here (divide by the nodes' parallel items)."));
    }
}
