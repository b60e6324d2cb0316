using System.CommandLine;
using StyleTransfer.Cli.Inputs;
using StyleTransfer.Cli.Options;
using StyleTransfer.Contracts;
using StyleTransfer.Grains;

namespace StyleTransfer.Cli.Commands;

/// <summary>
/// <c>styletransfer batch</c>: every content image × every style (or all styles blended) into a folder, watched to
/// the end. <c>styletransfer submit</c> (<see cref="SubmitCommand"/>) plans the same items, or names a manifest,
/// and leaves the job to a running cluster.
/// </summary>
public class BatchCommand : Command
{
    public const string Examples = """
        Examples:
          styletransfer batch --content photos/ --style starry.jpg --out out/
          styletransfer batch --content photos/ --recursive --style a.jpg --style b.jpg --out out/ --size 256 --iterations 100
          styletransfer batch --content list.txt --style a.jpg=0.7 --style b.jpg=0.3 --blend --out out/
          styletransfer batch --content in/ --style tar/tar1.png --masks seg/ --out out/
          styletransfer batch --content photos/ --style starry.jpg --out run-1 --cluster 10.0.0.5:30000,10.0.0.6:30000

        Outputs are named <content>__<style>.png (with --blend: <content>__<style1>+<style2>.png). Re-running a command
        skips outputs that already exist with the same parameters. Exit codes: 0 all succeeded or skipped, 2 some items
        failed, 1 usage or setup error, 130 cancelled (Ctrl+C).
        """;

    readonly MethodOptions _method = new();
    protected readonly ClusterOptions _cluster = new();

    protected readonly Option<string?> _content = new("--content", "-c")
    {
        Description = "Content images: a folder, a list file (one path per line, relative to the list file, '#' comments) or one image",
        HelpName = "folder|list-file",
    };

    protected readonly Option<string[]> _style = InputOptions.Style(
        "Style image, optionally with a blend weight (repeatable); each style gives its own output unless --blend");

    readonly Option<string> _out = new("--out", "-o")
    {
        Description = "Output folder (with --cluster or --store azure: result name prefix)",
        Required = true,
        HelpName = "folder",
    };

    readonly Option<bool> _recursive = new("--recursive", "-r") { Description = "Include images in subfolders of a --content folder" };

    readonly Option<bool> _blend = new("--blend") { Description = "Blend all styles (by weight) into one output per content image" };

    readonly Option<string?> _masks = new("--masks")
    {
        Description = "Folder of Deep Photo Style Transfer masks: <contentStem>_seg.png per content image, <styleStem>_seg.png per style",
        HelpName = "folder",
    };

    public BatchCommand() : this("batch", "Stylize every image of a folder or list file with one or more styles")
    {
    }

    protected BatchCommand(string name, string description) : base(name, description)
    {
        Options.Add(_content);
        Options.Add(_style);
        Options.Add(_out);
        Options.Add(_recursive);
        Options.Add(_blend);
        Options.Add(_masks);
        _method.AddTo(this);
        _cluster.AddTo(this);
        SetAction((parse, cancellationToken) => CliApp.GuardAsync(parse, () => RunAsync(parse, cancellationToken)));
    }

    /// <summary>Runs the planned job: here, starts it and watches it to the end.</summary>
    protected virtual Task<int> RunJobAsync(ParseResult parse, ClusterTarget target, JobSpec spec, CancellationToken cancellationToken) =>
        JobLauncher.RunAsync(parse, _cluster, target, spec, cancellationToken);

    /// <summary>Items from somewhere other than --content (a manifest, for submit); null = plan from --content.</summary>
    protected virtual JobSpec? SpecWithoutContent(ParseResult parse, MethodSpec options, string prefix, ClusterTarget target) => null;

    async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var options = MethodSpecMapping.ToSpec(_method.Bind(parse));
        var target = _cluster.Bind(parse);
        var outValue = parse.GetValue(_out)!;
        if (SpecWithoutContent(parse, options, target.OutIsLocalFolder ? "" : JobLauncher.NamePrefix("--out", outValue), target) is JobSpec given)
            return await RunJobAsync(parse, target, given, cancellationToken);
        var styles = (parse.GetValue(_style) ?? []).Select(StyleArgument.Parse).ToList();
        if (styles.Count == 0) throw new UsageException("--style: required (one or more style images)");
        var blend = parse.GetValue(_blend);
        var masks = parse.GetValue(_masks);
        var masksFull = masks is null ? null : Path.GetFullPath(masks);
        if (masksFull is not null && blend && styles.Count > 1)
            throw new UsageException("--masks: masks need a single style image; drop --blend or use one --style");

        var content = parse.GetValue(_content) ?? throw new UsageException($"--content: required (the content images)");
        string prefix;
        string? outFolder = null;
        if (target.OutIsLocalFolder)
        {
            outFolder = Path.GetFullPath(outValue);
            if (File.Exists(outFolder)) throw new UsageException($"--out {outValue}: is a file; give a folder");
            OutputPaths.CheckFolder("--out", outValue, outFolder);
            target.Store!.Path = outFolder;
            prefix = "";
        }
        else
        {
            prefix = JobLauncher.NamePrefix("--out", outValue);
        }
        // Masks kept beside the content images are not content themselves, and neither are our own earlier outputs
        // when --out is (inside) the content folder.
        bool masksBeside = masksFull is not null && Directory.Exists(content)
            && Path.GetFullPath(content).TrimEnd('/') == masksFull.TrimEnd('/');
        Func<string, bool> exclude = file => (masksBeside && JobPlanner.IsMaskFile(file)) || (outFolder is not null && OutputPaths.IsOutputIn(outFolder, file));
        var images = ContentDiscovery.Discover(content, parse.GetValue(_recursive), exclude);
        var items = JobPlanner.Plan(images, styles, blend, masksFull);
        return await RunJobAsync(parse, target, JobLauncher.Plan(parse, _cluster, target, items, options, prefix), cancellationToken);
    }
}
