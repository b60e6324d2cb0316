using StyleTransfer.Contracts;

namespace StyleTransfer.Cli.Inputs;

/// <summary>
/// Turns content images × styles into job items with deterministic names. Without blending every (content, style)
/// pair is one item; with blending each content image is one item using all styles with their weights.
/// </summary>
public static class JobPlanner
{
    /// <summary>Deep Photo Style Transfer's naming: the mask of "in1.png" is "in1_seg.png".</summary>
    public const string MaskSuffix = "_seg";

    public static string MaskPathFor(string masksFolder, string imagePath) =>
        Path.Combine(masksFolder, Path.GetFileNameWithoutExtension(imagePath) + MaskSuffix + ".png");

    public static bool IsMaskFile(string path) =>
        Path.GetFileNameWithoutExtension(path).EndsWith(MaskSuffix, StringComparison.OrdinalIgnoreCase);

    /// <param name="masksFolder">
    /// Folder with "&lt;stem&gt;_seg.png" masks. The style masks must exist (they serve every item); a missing content
    /// mask is still submitted so that item alone fails, naming the file.
    /// </param>
    public static IReadOnlyList<JobItemSpec> Plan(IReadOnlyList<ContentImage> contents, IReadOnlyList<StyleArgument> styles,
        bool blend, string? masksFolder = null)
    {
        if (contents.Count == 0) throw new UsageException("--content: no content images");
        if (styles.Count == 0) throw new UsageException("--style: at least one style image is required");
        if (masksFolder is not null)
        {
            if (!Directory.Exists(masksFolder)) throw new UsageException($"--masks {masksFolder}: no such folder");
            foreach (var style in blend ? styles.Take(1) : styles)
            {
                var mask = MaskPathFor(masksFolder, style.Path);
                if (!File.Exists(mask))
                    throw new UsageException($"--masks {masksFolder}: style mask {Path.GetFileName(mask)} for {Path.GetFileName(style.Path)} not found");
            }
        }

        var contentStems = OutputNames.UniqueStems(contents.Select(c => c.FullPath).ToList());
        var styleStems = OutputNames.UniqueStems(styles.Select(s => s.Path).ToList());
        var items = new List<JobItemSpec>();
        for (int c = 0; c < contents.Count; c++)
        {
            var contentMask = masksFolder is null ? null : Path.GetFullPath(MaskPathFor(masksFolder, contents[c].FullPath));
            if (blend)
            {
                var name = OutputNames.ForBlend(contentStems[c], styleStems);
                var styleMask = masksFolder is null ? null : Path.GetFullPath(MaskPathFor(masksFolder, styles[0].Path));
                items.Add(new JobItemSpec(name, contents[c].FullPath,
                    styles.Select(s => new StyleSpec(s.Path, s.Weight)).ToList(), name, contentMask, styleMask));
                continue;
            }
            for (int s = 0; s < styles.Count; s++)
            {
                var name = OutputNames.For(contentStems[c], styleStems[s]);
                var styleMask = masksFolder is null ? null : Path.GetFullPath(MaskPathFor(masksFolder, styles[s].Path));
                items.Add(new JobItemSpec(name, contents[c].FullPath, [new StyleSpec(styles[s].Path, 1.0)], name,
                    contentMask, styleMask));
            }
        }
        return items;
    }
}
