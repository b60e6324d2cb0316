using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StyleTransfer.Cli.Inputs;
using StyleTransfer.Engine;
using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Evaluation;

namespace StyleTransfer.Cli.Commands;

/// <summary>
/// <c>styletransfer eval</c>: quality metrics of outputs (structure kept, colour and feature-statistics distance to
/// the style) as JSON rows. A folder of outputs is matched to contents and styles by the batch command's names.
/// </summary>
public sealed partial class EvalCommand : Command
{
    public const string Examples = """
        Examples:
          styletransfer eval --output out/ --content photos/ --style starry.jpg
          styletransfer eval --output out1.png --content in1.png --style tar1.png --content-mask in1_seg.png --style-mask tar1_seg.png
          styletransfer eval --output out/ --content in/ --style tar/tar1.png --masks seg/ --json metrics.json

        Outputs in a folder are matched by name, <content>__<style>.png, to the --content images and --style images;
        snapshots (*.iter-*.png) are skipped. One JSON row per output goes to stdout (JSON Lines) or, with --json, into a
        JSON array file; means go to stderr. structureSsim: 1 = structure fully kept; colorDistance: sliced Wasserstein
        distance to the style in CIELAB units, to compare with contentColorDistance (the content's own distance);
        styleStatisticsDistance: relative Gram distance on ResNet-18 features (0 = the style's statistics).
        Exit codes: 0 all evaluated, 2 some outputs failed (their rows carry "error"), 1 usage error.
        """;

    readonly Option<string> _output = new("--output", "-o")
    {
        Description = "Output image, or a folder of outputs named <content>__<style>.png",
        Required = true,
        HelpName = "file|folder",
    };

    readonly Option<string> _content = new("--content", "-c")
    {
        Description = "Content image, or the folder / list file the outputs were made from (matched by stem)",
        Required = true,
        HelpName = "file|folder|list-file",
    };

    readonly Option<string[]> _style = new("--style", "-s")
    {
        Description = "Style image (repeatable: outputs of a folder are matched to a style by its stem; others are skipped)",
        Required = true,
        Arity = ArgumentArity.OneOrMore,
        HelpName = "image",
    };

    readonly Option<bool> _recursive = new("--recursive", "-r") { Description = "Include images in subfolders of a --content folder (as the batch did)" };

    readonly Option<string?> _contentMask = new("--content-mask")
    {
        Description = "Colour-label mask of the content image (Deep Photo Style Transfer format), for one output; needs --style-mask",
        HelpName = "file",
    };

    readonly Option<string?> _styleMask = new("--style-mask")
    {
        Description = "Colour-label mask of the style image",
        HelpName = "file",
    };

    readonly Option<string?> _masks = new("--masks")
    {
        Description = "Folder of masks: <contentStem>_seg.png per content image, <styleStem>_seg.png per style",
        HelpName = "folder",
    };

    readonly Option<string?> _json = new("--json")
    {
        Description = "Write the rows as a JSON array to this file instead of JSON Lines on stdout",
        HelpName = "file.json",
    };

    readonly Option<int> _size = new("--size")
    {
        Description = "Longest side at which images are compared (larger images are reduced, never enlarged)",
        DefaultValueFactory = _ => 512,
        HelpName = "px",
    };

    public EvalCommand() : base("eval", "Measure style transfer outputs: structure kept, colour and statistics distance to the style")
    {
        Options.Add(_output);
        Options.Add(_content);
        Options.Add(_style);
        Options.Add(_recursive);
        Options.Add(_contentMask);
        Options.Add(_styleMask);
        Options.Add(_masks);
        Options.Add(_json);
        Options.Add(_size);
        SetAction((parse, cancellationToken) => CliApp.GuardAsync(parse, () => Task.FromResult(Run(parse, cancellationToken))));
    }

    /// <summary>One output to evaluate, or the reason it cannot be (<see cref="Error"/>).</summary>
    sealed record Item(string Output, string? Content, string? Style, string? ContentMask, string? StyleMask, string? Error);

    [GeneratedRegex(@"\.iter-\d+\.png$", RegexOptions.IgnoreCase)]
    private static partial Regex SnapshotName();

    int Run(ParseResult parse, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        int size = parse.GetValue(_size);
        if (size < 8) throw new UsageException($"--size {size}: must be at least 8 px");
        var styles = parse.GetValue(_style)!.Select(s => Path.GetFullPath(RequireFile("--style", s))).ToList();
        var contentMask = OptionalFile("--content-mask", parse.GetValue(_contentMask));
        var styleMask = OptionalFile("--style-mask", parse.GetValue(_styleMask));
        var masks = parse.GetValue(_masks);
        if (masks is not null && !Directory.Exists(masks)) throw new UsageException($"--masks {masks}: no such folder");
        if (masks is not null && contentMask is not null)
            throw new UsageException("--content-mask/--masks: give one of them");
        if (contentMask is not null && styleMask is null && masks is null)
            throw new UsageException("--content-mask: needs --style-mask");
        if (styleMask is not null && contentMask is null && masks is null)
            throw new UsageException("--style-mask: needs --content-mask (or --masks)");
        if (styleMask is not null && styles.Count > 1)
            throw new UsageException("--style-mask: masks need a single --style image");
        var jsonPath = parse.GetValue(_json);
        if (jsonPath is not null && Directory.Exists(jsonPath)) throw new UsageException($"--json {jsonPath}: is a folder; give a file name");

        var items = Plan(parse, styles, contentMask, styleMask, masks, error);

        var rows = new JsonArray();
        var reports = new List<QualityReport>();
        var failures = new List<(string Output, string Reason)>();
        IBackbone? backbone = null;
        try
        {
            foreach (var item in items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                JsonNode row;
                try
                {
                    if (item.Error is not null) throw new InvalidInputException(item.Output, item.Error);
                    backbone ??= ResNet18Backbone.Load(null, TorchSharp.torch.CPU);
                    var report = QualityMetrics.Evaluate(item.Output, item.Content!, item.Style!, item.ContentMask, item.StyleMask, backbone, size);
                    reports.Add(report);
                    row = JsonSerializer.SerializeToNode(report, QualityMetrics.JsonOptions)!;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    var reason = e is InvalidInputException ? e.Message : $"{item.Output}: {e.GetBaseException().Message}";
                    failures.Add((item.Output, reason));
                    row = new JsonObject
                    {
                        ["output"] = item.Output,
                        ["content"] = item.Content,
                        ["style"] = item.Style,
                        ["error"] = reason,
                    };
                }
                if (jsonPath is null) parse.InvocationConfiguration.Output.WriteLine(row.ToJsonString());
                rows.Add(row);
            }
        }
        finally
        {
            backbone?.Dispose();
        }

        if (jsonPath is not null)
        {
            try
            {
                File.WriteAllText(jsonPath, rows.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--json {jsonPath}: cannot write ({e.Message})");
            }
        }
        WriteSummary(error, reports, failures, jsonPath);
        return failures.Count > 0 ? ExitCodes.ItemsFailed : ExitCodes.Success;
    }

    IReadOnlyList<Item> Plan(ParseResult parse, IReadOnlyList<string> styles, string? contentMask, string? styleMask,
        string? masks, TextWriter error)
    {
        var output = parse.GetValue(_output)!;
        var content = parse.GetValue(_content)!;
        string? StyleMaskFor(string style) => styleMask ?? (masks is null ? null : Path.GetFullPath(JobPlanner.MaskPathFor(masks, style)));
        string? ContentMaskFor(string image) => contentMask ?? (masks is null ? null : Path.GetFullPath(JobPlanner.MaskPathFor(masks, image)));
        if (masks is not null)
            foreach (var style in styles)
                if (StyleMaskFor(style) is { } m && !File.Exists(m))
                    throw new UsageException($"--masks {masks}: style mask {Path.GetFileName(m)} for {Path.GetFileName(style)} not found");

        if (File.Exists(output))
        {
            var full = Path.GetFullPath(output);
            // One output with one content image and one style: no names to match.
            if (File.Exists(content) && styles.Count == 1)
            {
                var contentFull = Path.GetFullPath(content);
                return [new Item(full, contentFull, styles[0], ContentMaskFor(contentFull), StyleMaskFor(styles[0]), null)];
            }
            if (contentMask is not null) throw new UsageException("--content-mask: only for one --output with one --content image");
            var matched = Match([full], content, parse.GetValue(_recursive), styles, masks, ContentMaskFor, StyleMaskFor, out var skipped);
            if (matched.Count == 0)
                throw new UsageException($"--output {output}: its style part does not name any --style ({string.Join(", ", skipped)})");
            return matched;
        }
        if (!Directory.Exists(output)) throw new UsageException($"--output {output}: no such file or folder");
        if (contentMask is not null) throw new UsageException("--content-mask: only for one --output file; use --masks with a folder");

        var outputs = new DirectoryInfo(Path.GetFullPath(output)).EnumerateFiles()
            .Where(f => !ImageFiles.IsHidden(f) && f.Extension.Equals(".png", StringComparison.OrdinalIgnoreCase) && !SnapshotName().IsMatch(f.Name))
            .Select(f => f.FullName)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (outputs.Count == 0) throw new UsageException($"--output {output}: no .png outputs found");
        var items = Match(outputs, content, parse.GetValue(_recursive), styles, masks, ContentMaskFor, StyleMaskFor, out var otherStyles);
        if (items.Count == 0)
            throw new UsageException($"--output {output}: none of its {outputs.Count} outputs is for the given --style (found: {string.Join(", ", otherStyles.Distinct().Take(5))})");
        if (otherStyles.Count > 0)
            error.WriteLine($"Skipped {otherStyles.Count} output{(otherStyles.Count == 1 ? "" : "s")} of other styles ({string.Join(", ", otherStyles.Distinct().Take(5))})");
        return items;
    }

    /// <summary>
    /// Pairs outputs named <c>&lt;contentStem&gt;__&lt;styleStem&gt;.png</c> with content images and styles, with the
    /// stems the batch command gave them. Outputs whose content cannot be found become error items; outputs of other
    /// styles (or blends) are left out and their style part reported in <paramref name="otherStyles"/>.
    /// </summary>
    static IEnumerable<int> Separators(string stem)
    {
        for (int i = stem.IndexOf(OutputNames.Separator, StringComparison.Ordinal); i >= 0;
             i = stem.IndexOf(OutputNames.Separator, i + 1, StringComparison.Ordinal))
            yield return i;
    }

    static List<Item> Match(IReadOnlyList<string> outputs, string content, bool recursive, IReadOnlyList<string> styles,
        string? masks, Func<string, string?> contentMaskFor, Func<string, string?> styleMaskFor, out List<string> otherStyles)
    {
        // Masks kept beside the content images are not content themselves (as in the batch command).
        Func<string, bool>? exclude = masks is not null && Directory.Exists(content)
            && Path.GetFullPath(content).TrimEnd('/') == Path.GetFullPath(masks).TrimEnd('/') ? JobPlanner.IsMaskFile : null;
        var images = ContentDiscovery.Discover(content, recursive, exclude);
        var contentStems = OutputNames.UniqueStems(images.Select(i => i.FullPath).ToList());
        var contentByStem = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < images.Count; i++) contentByStem.TryAdd(contentStems[i], images[i].FullPath);
        var styleStems = OutputNames.UniqueStems(styles);
        var styleByStem = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < styles.Count; i++) styleByStem.TryAdd(styleStems[i], styles[i]);

        var items = new List<Item>();
        otherStyles = [];
        foreach (var output in outputs)
        {
            var stem = Path.GetFileNameWithoutExtension(output);
            // Stems may end or start with '_' ("a_" + "__" + "s" is "a___s"): take the split whose two halves are
            // known stems, else the first separator.
            int separator = Separators(stem).FirstOrDefault(i => contentByStem.ContainsKey(stem[..i])
                && styleByStem.ContainsKey(stem[(i + OutputNames.Separator.Length)..]), stem.IndexOf(OutputNames.Separator, StringComparison.Ordinal));
            if (separator < 0)
            {
                items.Add(new Item(output, null, null, null, null,
                    $"not named <content>{OutputNames.Separator}<style>.png, so its content image is unknown"));
                continue;
            }
            var contentStem = stem[..separator];
            var styleStem = stem[(separator + OutputNames.Separator.Length)..];
            if (!styleByStem.TryGetValue(styleStem, out var style))
            {
                otherStyles.Add(styleStem);
                continue;
            }
            if (!contentByStem.TryGetValue(contentStem, out var image))
            {
                items.Add(new Item(output, null, style, null, null, $"no content image with stem '{contentStem}' in --content {content}"));
                continue;
            }
            var contentMask = contentMaskFor(image);
            var error = contentMask is not null && !File.Exists(contentMask) ? $"content mask {contentMask} not found" : null;
            items.Add(new Item(output, image, style, contentMask, styleMaskFor(style), error));
        }
        return items;
    }

    static void WriteSummary(TextWriter error, IReadOnlyList<QualityReport> reports, IReadOnlyList<(string Output, string Reason)> failures,
        string? jsonPath)
    {
        int total = reports.Count + failures.Count;
        var head = $"{total} output{(total == 1 ? "" : "s")}, {reports.Count} evaluated, {failures.Count} failed";
        error.WriteLine(jsonPath is null ? head : $"{head}; rows in {jsonPath}");
        if (reports.Count > 0)
            error.WriteLine(
                $"Means: structure SSIM {reports.Average(r => r.StructureSsim):F3}, " +
                $"colour distance to style {reports.Average(r => r.ColorDistance):F2} (content: {reports.Average(r => r.ContentColorDistance):F2}), " +
                $"style statistics distance {reports.Average(r => r.StyleStatisticsDistance):F3}");
        foreach (var (_, reason) in failures)
            error.WriteLine($"failed: {reason}");
    }

    static string RequireFile(string option, string path)
    {
        if (File.Exists(path)) return path;
        throw new UsageException(Directory.Exists(path) ? $"{option} {path}: is a folder; give an image file" : $"{option} {path}: no such file");
    }

    static string? OptionalFile(string option, string? path) => path is null ? null : Path.GetFullPath(RequireFile(option, path));
}
