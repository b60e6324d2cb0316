using System.Text;
using System.Text.Json;
using StyleTransfer.Contracts;

namespace StyleTransfer.Grains;

/// <summary>
/// A job's items as a JSON-lines file, read a page at a time from a byte offset (so a job of any size is never
/// held in memory). One object per line:
/// <code>{"content": "cats/001.jpg", "style": "starry.jpg", "output": "001__starry.png"}</code>
/// with optional "id" (default: the output name), "styles": [{"path": ..., "weight": ...}] instead of "style",
/// "contentMask"/"styleMask", a dataset item's "format" (png|jpg), "quality", "contentSize" and "crop" (center|none)
/// (see <see cref="ItemOutput"/>), a dataset item's "alpha" (adain's content/style strength: the item runs with the job's
/// options at that alpha; a method without alpha refuses the item), and "output" defaulting to "&lt;content stem&gt;__&lt;style stem&gt;.png". Relative
/// paths are relative to the manifest's folder. Blank lines and lines starting with '#' are ignored. A line that
/// is not a valid item (bad JSON, a wrong type, a value out of range, an invalid output name) becomes a failed item
/// named "line-N.invalid" with the reason, and reading goes on.
/// </summary>
public static class JobManifest
{
    /// <param name="Lines">the manifest line of each of <paramref name="Items"/>.</param>
    public sealed record Page(List<JobItemSpec> Items, List<int> Lines, List<RejectedItem> Rejected, long NextOffset, int NextLine, bool Exhausted);

    /// <param name="jobOptions">the job's method settings, which an item's "alpha" is applied to.</param>
    public static Page Read(string manifestPath, long offset, int line, int maxItems, MethodSpec? jobOptions = null)
    {
        if (!File.Exists(manifestPath)) throw new FileNotFoundException($"manifest {manifestPath}: file not found", manifestPath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var items = new List<JobItemSpec>();
        var lines = new List<int>();
        var rejected = new List<RejectedItem>();
        using var stream = new FileStream(manifestPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        stream.Seek(offset, SeekOrigin.Begin);
        var buffer = new MemoryStream();
        while (items.Count + rejected.Count < maxItems)
        {
            buffer.SetLength(0);
            int b;
            while ((b = stream.ReadByte()) >= 0 && b != '\n') buffer.WriteByte((byte)b);
            if (b < 0 && buffer.Length == 0) return new Page(items, lines, rejected, stream.Position, line, true);
            line++;
            var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).Trim();
            if (text.Length > 0 && !text.StartsWith('#'))
            {
                try
                {
                    var item = Parse(text, folder, jobOptions);
                    if (item.Problem() is string problem) throw new FormatException(problem);
                    items.Add(item);
                    lines.Add(line);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Whatever a line holds, it fails alone: a type error must not stop the job's reading.
                    rejected.Add(new RejectedItem($"line-{line}", $"line-{line}.invalid", $"manifest {manifestPath} line {line}: {e.Message}"));
                }
            }
            if (b < 0) return new Page(items, lines, rejected, stream.Position, line, true);
        }
        return new Page(items, lines, rejected, stream.Position, line, stream.Position >= stream.Length);
    }

    static JobItemSpec Parse(string text, string folder, MethodSpec? jobOptions)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException("not a JSON object");
        string content = Resolve(folder, Required(root, "content"));
        var styles = new List<StyleSpec>();
        if (root.TryGetProperty("style", out var style)) styles.Add(new StyleSpec(Resolve(folder, AsString(style, "style"))));
        if (root.TryGetProperty("styles", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array) throw new FormatException("\"styles\" must be an array");
            foreach (var entry in list.EnumerateArray())
            {
                var path = entry.ValueKind == JsonValueKind.String ? entry.GetString()! : Required(entry, "path");
                double weight = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("weight", out var w) ? Weight(w, path) : 1.0;
                styles.Add(new StyleSpec(Resolve(folder, path), weight));
            }
        }
        if (styles.Count == 0) throw new FormatException("no \"style\" or \"styles\"");
        var shape = Shape(root);
        string output = Optional(root, "output")
            ?? $"{Path.GetFileNameWithoutExtension(content)}__{Path.GetFileNameWithoutExtension(styles[0].Path)}{shape?.Extension ?? ".png"}";
        CheckOutputName(output, shape);
        string id = Optional(root, "id") ?? output;
        string? contentMask = Optional(root, "contentMask") is string cm ? Resolve(folder, cm) : null;
        string? styleMask = Optional(root, "styleMask") is string sm ? Resolve(folder, sm) : null;
        var item = new JobItemSpec(id, content, styles, output, contentMask, styleMask) { Output = shape };
        if (!root.TryGetProperty("alpha", out var alpha) || alpha.ValueKind == JsonValueKind.Null) return item;
        if (alpha.ValueKind != JsonValueKind.Number || !alpha.TryGetDouble(out var a) || !double.IsFinite(a))
            throw new FormatException($"\"alpha\" must be a number, not {alpha.GetRawText()}");
        if (jobOptions is null) throw new FormatException("\"alpha\" needs the job's method settings");
        return item with { Options = jobOptions with { AdaIn = jobOptions.AdaIn with { Alpha = a } } };
    }

    /// <summary>A dataset item's "format", "quality", "contentSize" and "crop" ("center" or "none"), or null when it has none.</summary>
    static ItemOutput? Shape(JsonElement root)
    {
        string? format = Optional(root, "format");
        string? crop = Optional(root, "crop");
        int? quality = OptionalInt(root, "quality");
        int? contentSize = OptionalInt(root, "contentSize");
        if (format is null && crop is null && quality is null && contentSize is null) return null;
        if (crop is not (null or "center" or "none")) throw new FormatException($"\"crop\" must be \"center\" or \"none\", not \"{crop}\"");
        var shape = new ItemOutput(format?.ToLowerInvariant() ?? ItemOutput.Png, quality ?? ItemOutput.DefaultQuality, contentSize ?? 0, crop == "center");
        return shape.Problem() is string problem ? throw new FormatException(problem) : shape;
    }

    static int? OptionalInt(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n
        : throw new FormatException($"\"{name}\" must be an integer, not {value.GetRawText()}");

    /// <summary>An output name must be a valid result name (relative, no '..' segment, no control characters, no
    /// segment starting with '.', not a sidecar's) ending in .png (or the extension of its "format"): refused here, not retried by the job.</summary>
    static void CheckOutputName(string output, ItemOutput? shape)
    {
        if (Storage.ResultNames.Problem(output) is string problem) throw new FormatException($"invalid output name: {problem}");
        if (shape is not null)
        {
            if (!shape.Names(output)) throw new FormatException($"invalid output name '{output}': its format is {shape.Format}, so it must end in {shape.Extension}");
            return;
        }
        if (!output.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            throw new FormatException($"invalid output name '{output}': results are PNG images, so it must end in .png");
    }

    static double Weight(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var weight) && double.IsFinite(weight) && weight > 0
            ? weight
            : throw new FormatException($"\"weight\" of style {path} must be a positive finite number, not {value.GetRawText()}");

    static string Required(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? AsString(value, name) : throw new FormatException($"missing \"{name}\"");

    static string? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? AsString(value, name) : null;

    static string AsString(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()! : throw new FormatException($"\"{name}\" must be a non-empty string");

    static string Resolve(string folder, string path) =>
        Path.IsPathRooted(path) || Storage.BlobInputNames.Is(path) ? path : Path.GetFullPath(Path.Combine(folder, path));
}
