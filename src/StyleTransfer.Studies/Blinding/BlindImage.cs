using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace StyleTransfer.Studies.Blinding;

/// <summary>
/// An image as a study shows it: decoded, resized to the trial's common size, its pixels copied into a fresh RGB
/// image (no Exif, XMP, IPTC, ICC or text metadata survives) and encoded as an 8-bit RGB PNG with no ancillary
/// chunks. The same pixels always give the same bytes.
/// </summary>
public static class BlindImage
{
    static readonly PngEncoder Encoder = new()
    {
        ColorType = PngColorType.Rgb,
        BitDepth = PngBitDepth.Bit8,
        ChunkFilter = PngChunkFilter.ExcludeAll,
        CompressionLevel = PngCompressionLevel.DefaultCompression,
    };

    /// <summary>The pad colour around a style image that does not have the trial's aspect ratio.</summary>
    public static readonly Rgb24 PadColor = new(240, 240, 240);

    public static Size Identify(byte[] image, string what)
    {
        try
        {
            var info = Image.Identify(image) ?? throw new InvalidDataException("unknown image format");
            return new Size(info.Width, info.Height);
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException or InvalidDataException)
        {
            throw new InvalidDataException($"{what}: not a readable image ({e.Message})", e);
        }
    }

    /// <summary>Stretched to exactly <paramref name="size"/> (outputs and contents of a group differ by rounding only).</summary>
    public static byte[] Resized(byte[] image, Size size, string what) => Encode(image, size, ResizeMode.Stretch, what);

    /// <summary>Fitted inside <paramref name="size"/> with its aspect ratio kept, padded with <see cref="PadColor"/>.</summary>
    public static byte[] Padded(byte[] image, Size size, string what) => Encode(image, size, ResizeMode.Pad, what);

    static byte[] Encode(byte[] bytes, Size size, ResizeMode mode, string what)
    {
        Image<Rgb24> source;
        try
        {
            source = Image.Load<Rgb24>(bytes);
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException or NotSupportedException)
        {
            throw new InvalidDataException($"{what}: not a readable image ({e.Message})", e);
        }
        using (source)
        {
            if (source.Width != size.Width || source.Height != size.Height)
                source.Mutate(x => x.Resize(new ResizeOptions
                {
                    Size = size,
                    Mode = mode,
                    Sampler = KnownResamplers.Lanczos3,
                    PadColor = Color.FromRgb(PadColor.R, PadColor.G, PadColor.B),
                }));
            // A fresh image carries no metadata at all, whatever the source had.
            using var clean = new Image<Rgb24>(size.Width, size.Height);
            source.ProcessPixelRows(clean, (from, to) =>
            {
                for (int y = 0; y < from.Height; y++) from.GetRowSpan(y).CopyTo(to.GetRowSpan(y));
            });
            using var output = new MemoryStream();
            clean.SaveAsPng(output, Encoder);
            return output.ToArray();
        }
    }
}
