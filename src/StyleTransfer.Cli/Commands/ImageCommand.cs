using System.CommandLine;
using StyleTransfer.Cli.Inputs;
using StyleTransfer.Cli.Options;
using StyleTransfer.Contracts;
using StyleTransfer.Grains;
using StyleTransfer.Engine.Methods;

namespace StyleTransfer.Cli.Commands;

/// <summary><c>styletransfer image</c>: one content image, one output file (a job of one item).</summary>
public sealed class ImageCommand : Command
{
    public const string Examples = """
        Examples:
          styletransfer image photo.jpg --style starry.jpg --out photo-starry.png
          styletransfer image photo.jpg --style a.jpg=2 --style b.jpg=1 --out blend.png --size 768 --scales 2
          styletransfer image in1.png --style tar1.png --content-mask in1_seg.png --style-mask tar1_seg.png --out out1.png
          styletransfer image in1.png --style tar1.png --method photo --out photoreal.png
          styletransfer image c.jpg --style s.jpg --method strotss --content-mask c_guide.png --style-mask s_guide.png --out g.png
          styletransfer image c.jpg --style s.jpg --method strotss --guidance-points "0.2,0.3:0.6,0.5" --out p.png

        Several --style images are blended by weight. The PNG is committed atomically (with a .meta.json sidecar
        recording its parameters); re-running with the same inputs and options skips it. Exit codes: 0 done or
        skipped, 2 the image failed, 1 usage or setup error, 130 cancelled (Ctrl+C).
        """;

    readonly MethodOptions _method = new();
    readonly ClusterOptions _cluster = new();

    readonly Argument<string> _content = new("content") { Description = "Content image" };

    readonly Option<string[]> _style = InputOptions.Style("Style image, optionally with a blend weight (repeatable; several are blended)");

    readonly Option<string> _out = new("--out", "-o")
    {
        Description = "Output PNG file (with --cluster or --store azure: result name)",
        Required = true,
        HelpName = "file.png",
    };

    readonly Option<string?> _contentMask = new("--content-mask")
    {
        Description = "Colour-label mask of the content image (Deep Photo Style Transfer format); needs --style-mask",
        HelpName = "file",
    };

    readonly Option<string?> _styleMask = new("--style-mask")
    {
        Description = "Colour-label mask of the style image; needs --content-mask",
        HelpName = "file",
    };

    readonly Option<string?> _guidancePoints = new("--guidance-points")
    {
        Description = "strotss: point-to-point guidance, 'cx,cy:sx,sy' pairs separated by ';' (coordinates in [0,1] of width and height)",
        HelpName = "pairs",
    };

    public ImageCommand() : base("image", "Stylize one image into one output file")
    {
        Arguments.Add(_content);
        Options.Add(_style);
        Options.Add(_out);
        Options.Add(_contentMask);
        Options.Add(_styleMask);
        Options.Add(_guidancePoints);
        _method.AddTo(this);
        _cluster.AddTo(this);
        SetAction((parse, cancellationToken) => CliApp.GuardAsync(parse, () => RunAsync(parse, cancellationToken)));
    }

    async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var options = _method.Bind(parse);
        var target = _cluster.Bind(parse);
        var content = parse.GetValue(_content)!;
        if (!File.Exists(content))
            throw new UsageException(Directory.Exists(content)
                ? $"content {content}: is a folder; use 'styletransfer batch --content {content}'"
                : $"content {content}: no such file");
        var styles = parse.GetValue(_style)!.Select(StyleArgument.Parse).ToList();
        var contentMask = ExistingMask(_contentMask.Name, parse.GetValue(_contentMask));
        var styleMask = ExistingMask(_styleMask.Name, parse.GetValue(_styleMask));
        if ((contentMask is null) != (styleMask is null))
            throw new UsageException("--content-mask/--style-mask: give both masks or neither");
        if (contentMask is not null && styles.Count > 1)
            throw new UsageException("--content-mask: masks need a single --style image");

        var outValue = parse.GetValue(_out)!;
        if (!outValue.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"--out {outValue}: the output is a PNG; give a file name ending in .png");
        string prefix, name;
        if (target.OutIsLocalFolder)
        {
            var file = Path.GetFullPath(outValue);
            if (Directory.Exists(file)) throw new UsageException($"--out {outValue}: is a folder; give a file name ending in .png");
            OutputPaths.CheckFolder("--out", outValue, Path.GetDirectoryName(file)!);
            OutputPaths.CheckNotAnInput("--out", outValue, file,
                [("content", content), .. styles.Select(s => ("style", (string?)s.Path)), ("content mask", contentMask), ("style mask", styleMask)]);
            name = Path.GetFileName(file);
            if (name.StartsWith('.')) throw new UsageException($"--out {outValue}: names starting with '.' are reserved for temporary files");
            target.Store!.Path = Path.GetDirectoryName(file)!;
            prefix = "";
        }
        else
        {
            var full = JobLauncher.NamePrefix("--out", outValue);
            int slash = full.LastIndexOf('/');
            (prefix, name) = slash < 0 ? ("", full) : (full[..slash], full[(slash + 1)..]);
        }

        var points = GuidancePoints.Parse(_guidancePoints.Name, parse.GetValue(_guidancePoints));
        if (points is not null && !MethodRegistry.Get(options.Method).TakesGuidancePoints)
            throw new UsageException($"{_guidancePoints.Name}: point guidance does not apply to --method {options.Method} (it applies to {string.Join(", ", MethodRegistry.All.Where(m => m.TakesGuidancePoints).Select(m => m.Name))})");
        var item = new JobItemSpec(name, Path.GetFullPath(content),
            styles.Select(s => new StyleSpec(s.Path, s.Weight)).ToList(), name, contentMask, styleMask, points);
        return await JobLauncher.RunAsync(parse, _cluster, target, JobLauncher.Plan(parse, _cluster, target, [item], MethodSpecMapping.ToSpec(options), prefix), cancellationToken);
    }

    static string? ExistingMask(string option, string? path)
    {
        if (path is null) return null;
        if (!File.Exists(path)) throw new UsageException($"{option} {path}: no such file");
        return Path.GetFullPath(path);
    }
}
