using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using StyleTransfer.Studies.Formats;
using StyleTransfer.Studies.Packaging;

namespace StyleTransfer.Studies.Tests;

/// <summary>
/// A study over generated images whose names and metadata are easy to search for: each image carries Exif and PNG
/// text naming its condition, method, option value and source file, which the package must not keep.
/// </summary>
public sealed class SyntheticStudy : IStudyImageSource
{
    public static readonly string[] Secrets = ["condlowsecret", "condhighsecret", "condmidsecret", "methodsecret", "7919", "104729", "contentfilealpha", "contentfilebeta", "stylefilegamma"];

    public StudyDefinition Definition { get; }
    readonly int _size;

    public SyntheticStudy(int seed = 3, int assignments = 6, int trials = 10, int repeats = 2, int gold = 2, int contents = 2, int styles = 1,
        int conditions = 2, int size = 48, string[]? questions = null)
    {
        _size = size;
        var names = new[] { "condlowsecret", "condhighsecret", "condmidsecret" };
        var values = new[] { "7919", "104729", "3" };
        Definition = new StudyDefinition("s-test", seed,
            Enumerable.Range(0, conditions).Select(k => new StudyCondition(names[k % 3] + (k >= 3 ? k.ToString() : ""), "methodsecret",
                new Dictionary<string, string> { ["style-weight"] = values[k % 3] })).ToList(),
            (questions ?? ["style"]).Select((q, i) => new StudyQuestion(q, $"Question number {i + 1}?")).ToList(),
            Enumerable.Range(0, contents).Select(c => c switch { 0 => "contentfilealpha", 1 => "contentfilebeta", _ => $"contentfile{c}" }).ToList(),
            Enumerable.Range(0, styles).Select(s => s == 0 ? "stylefilegamma" : $"stylefile{s}").ToList(),
            assignments, trials, repeats, gold, 0.5);
    }

    public Task<byte[]> OutputAsync(int condition, int content, int style, CancellationToken cancellationToken)
    {
        var c = Definition.Conditions[condition];
        // Outputs of one content differ a little in size (as a condition's own --size or rounding would make them).
        return Task.FromResult(Png(_size + 4 * condition, _size * 3 / 4 + 3 * condition, 40 * condition + 10 * content + style,
            $"{c.Name} {c.Method} style-weight={c.Options["style-weight"]} {Definition.Contents[content]} {Definition.Styles[style]}"));
    }

    public Task<byte[]> ContentAsync(int content, CancellationToken cancellationToken) =>
        Task.FromResult(Png(_size * 2, _size * 3 / 2, 200 + content, Definition.Contents[content] + ".png"));

    public Task<byte[]> StyleAsync(int style, CancellationToken cancellationToken) =>
        Task.FromResult(Png(_size, _size * 2, 150 + style, Definition.Styles[style] + ".jpg"));

    static byte[] Png(int width, int height, int seed, string secret)
    {
        using var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
            image[x, y] = new Rgb24((byte)(x * 255 / width), (byte)((y * 7 + seed * 31) % 256), (byte)((x + y + seed * 17) % 256));
        image.Metadata.ExifProfile = new ExifProfile();
        image.Metadata.ExifProfile.SetValue(ExifTag.ImageDescription, secret);
        image.Metadata.ExifProfile.SetValue(ExifTag.Software, secret);
        image.Metadata.GetPngMetadata().TextData.Add(new PngTextData("Comment", secret, "", ""));
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }
}
