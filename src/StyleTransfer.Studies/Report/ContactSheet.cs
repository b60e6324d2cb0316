using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using StyleTransfer.Studies.Formats;

namespace StyleTransfer.Studies.Report;

/// <summary>
/// A grid of one condition's outputs from the study's public images: one row per content image, one column per
/// style image, with the styles along the top and the contents down the left (no text, so no font is needed).
/// Missing images leave a grey cell. <see cref="WriteGrid"/> draws any grid of images (scripts/ContactSheet).
/// </summary>
public static class ContactSheet
{
    public const int Cell = 160;
    const int Gap = 4;
    public const int MaxRows = 24;
    public const int MaxColumns = 12;

    /// <summary>
    /// Writes the sheet of <paramref name="condition"/> to <paramref name="path"/>; returns how many outputs it shows
    /// (0: none of its images was found, and nothing is written).
    /// </summary>
    public static int Write(string condition, StudyDefinition definition, IReadOnlyList<ImageKey> images,
        IReadOnlyDictionary<string, string> files, string path)
    {
        var contents = definition.Contents.Take(MaxRows).ToList();
        var styles = definition.Styles.Take(MaxColumns).ToList();
        string? FileOf(StudyImageKind kind, string content, string style, string? c) =>
            images.FirstOrDefault(i => i.Kind == kind && (kind == StudyImageKind.Style || i.Content == content)
                && (kind == StudyImageKind.Content || i.Style == style) && i.Condition == c) is { } key
            && files.TryGetValue(key.Id, out var file) ? file : null;

        var outputs = new string?[contents.Count, styles.Count];
        int found = 0;
        for (int r = 0; r < contents.Count; r++)
        for (int c = 0; c < styles.Count; c++)
            if ((outputs[r, c] = FileOf(StudyImageKind.Output, contents[r], styles[c], condition)) is not null) found++;
        if (found == 0) return 0;

        var rows = new List<IReadOnlyList<string?>>();
        rows.Add(["", .. styles.Select(s => FileOf(StudyImageKind.Style, "", s, null))]);
        for (int r = 0; r < contents.Count; r++)
            rows.Add([FileOf(StudyImageKind.Content, contents[r], "", null), .. Enumerable.Range(0, styles.Count).Select(c => outputs[r, c])]);
        WriteGrid(rows, path);
        return found;
    }

    /// <summary>
    /// Writes a grid of images, each fitted into a <see cref="Cell"/>-pixel square: a row per list, a cell per file;
    /// an empty string leaves the cell white, null or an unreadable file leaves it grey (missing).
    /// </summary>
    public static void WriteGrid(IReadOnlyList<IReadOnlyList<string?>> rows, string path)
    {
        int columns = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        int width = columns * (Cell + Gap) + Gap, height = rows.Count * (Cell + Gap) + Gap;
        using var sheet = new Image<Rgb24>(width, height, Color.White);
        using var missing = new Image<Rgb24>(Cell, Cell, Color.LightGray);
        void Place(string? file, int row, int column)
        {
            if (file == "") return;
            var origin = new Point(Gap + column * (Cell + Gap), Gap + row * (Cell + Gap));
            if (file is null)
            {
                sheet.Mutate(x => x.DrawImage(missing, origin, 1f));
                return;
            }
            try
            {
                using var image = Image.Load<Rgb24>(file);
                image.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(Cell, Cell), Mode = ResizeMode.Max }));
                var at = new Point(origin.X + (Cell - image.Width) / 2, origin.Y + (Cell - image.Height) / 2);
                sheet.Mutate(x => x.DrawImage(image, at, 1f));
            }
            catch (Exception e) when (e is IOException or UnknownImageFormatException or InvalidImageContentException)
            {
                sheet.Mutate(x => x.DrawImage(missing, origin, 1f));
            }
        }
        for (int r = 0; r < rows.Count; r++)
        for (int c = 0; c < rows[r].Count; c++)
            Place(rows[r][c], r, c);
        sheet.SaveAsPng(path);
    }

    /// <summary>The study's public image files by id (file name without extension).</summary>
    public static Dictionary<string, string> IndexImages(string imagesFolder)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(imagesFolder)) return files;
        foreach (var file in Directory.EnumerateFiles(imagesFolder))
            files.TryAdd(Path.GetFileNameWithoutExtension(file), file);
        return files;
    }
}
