using System.Text.Json;
using StyleTransfer.Engine.Methods;

namespace StyleTransfer.Cli.Datasets;

/// <summary>
/// The replayable record of a dataset run, JSON lines written into the output before anything is stylized: a
/// <see cref="Header"/> first (roots, seed, method and its options, geometry, excluded styles), then one
/// <see cref="Line"/> per output (content and style relative to their roots, alpha, method, model hash, output name)
/// and one per file copied through (<see cref="Line.Copy"/>). <c>dataset --replay</c> reads it back.
/// </summary>
public static class DatasetRecord
{
    public const string Kind = "styletransfer-dataset/1";

    public sealed record Header(string Record, string Content, string Styles, int Seed, int StylesPerImage, IReadOnlyList<double?> AlphaLevels,
        string Method, string? Model, StylizeOptions Options, string Format, int Quality, int ContentSize, string Crop, bool ImagesOnly,
        IReadOnlyList<ExcludedStyle> ExcludedStyles);

    /// <summary>An output (<see cref="Content"/>, <see cref="Style"/>, <see cref="Output"/> set) or a copied file (<see cref="Copy"/> set).</summary>
    public sealed record Line(string? Content = null, string? Style = null, double? Alpha = null, string? Method = null, string? Model = null,
        string? Output = null, string? Copy = null);

    static readonly JsonSerializerOptions Json = JsonDefaults.Compact;

    public static string Serialize(Header header) => JsonSerializer.Serialize(header, Json);

    public static string Serialize(Line line) => line.Copy is not null
        ? JsonSerializer.Serialize(new { copy = line.Copy }, Json)
        : JsonSerializer.Serialize(new { content = line.Content, style = line.Style, alpha = line.Alpha, method = line.Method, model = line.Model, output = line.Output }, Json);

    /// <summary>Reads the header, then hands out the lines lazily; a line that is not a valid output or copy is a usage error naming it.</summary>
    public static (Header Header, IEnumerable<Line> Lines) Open(string path, string option = "--replay")
    {
        if (!File.Exists(path)) throw new UsageException($"{option} {path}: no such file");
        using (var reader = new StreamReader(path))
        {
            var first = reader.ReadLine();
            var header = first is null ? null : TryParse<Header>(first);
            if (header?.Record != Kind || header.Options is null)
                throw new UsageException($"{option} {path}: not a dataset record (its first line must be a {Kind} header)");
            return (header, ReadLines(path, option));
        }
    }

    static IEnumerable<Line> ReadLines(string path, string option)
    {
        int number = 0;
        foreach (var text in File.ReadLines(path))
        {
            if (++number == 1 || text.Trim().Length == 0) continue;
            var line = TryParse<Line>(text);
            bool valid = line is not null && (line.Copy is not null
                || (!string.IsNullOrWhiteSpace(line.Content) && !string.IsNullOrWhiteSpace(line.Style) && !string.IsNullOrWhiteSpace(line.Output)));
            if (!valid) throw new UsageException($"{option} {path} line {number}: not an output (content, style, output) or a copy");
            yield return line!;
        }
    }

    static T? TryParse<T>(string text) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
