using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Imaging;

/// <summary>Reads image files into RGB tensors and writes tensors as PNG, with validation that names the file.</summary>
public static class ImageIO
{
    /// <summary>Formats ImageSharp decodes here.</summary>
    public static readonly IReadOnlyList<string> SupportedExtensions = [".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tga", ".tif", ".tiff", ".webp", ".pbm"];

    /// <summary>Larger inputs are refused before decoding (a decompression bomb or a mistake).</summary>
    public const long MaxInputPixels = 100_000_000;

    /// <summary>Decodes <paramref name="path"/> as RGB, validating existence, format and size.</summary>
    public static Image<Rgb24> Load(string path)
    {
        CheckExists(path);
        return Decode(path, () => File.OpenRead(path));
    }

    /// <summary>The bytes of <paramref name="path"/>, with the checks and messages of <see cref="Load(string)"/>.</summary>
    public static byte[] ReadFile(string path)
    {
        CheckExists(path);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException(path, $"cannot be read ({e.Message.TrimEnd('.')})", e);
        }
    }

    static void CheckExists(string path)
    {
        if (!File.Exists(path))
            throw new InvalidInputException(path, Directory.Exists(path) ? "is a folder, not an image file" : "file not found");
    }

    /// <summary>Decodes what <paramref name="open"/> reads (the file <paramref name="path"/>, named in errors), validating format and size.</summary>
    static Image<Rgb24> Decode(string path, Func<Stream> open)
    {
        IImageInfo? info;
        try
        {
            using var stream = open();
            info = Image.Identify(stream);
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException or NotSupportedException)
        {
            throw new InvalidInputException(path, $"not a supported image ({e.Message.TrimEnd('.')}); supported: {string.Join(" ", SupportedExtensions)}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException(path, $"cannot be read ({e.Message.TrimEnd('.')})", e);
        }
        if (info is null)
            throw new InvalidInputException(path, $"not a supported image; supported: {string.Join(" ", SupportedExtensions)}");
        if (info.Width < 1 || info.Height < 1)
            throw new InvalidInputException(path, "has no pixels");
        if ((long)info.Width * info.Height > MaxInputPixels)
            throw new InvalidInputException(path, $"is {info.Width}x{info.Height} px, over the limit of {MaxInputPixels / 1_000_000} megapixels");
        try
        {
            using var stream = open();
            var image = Image.Load<Rgb24>(stream);
            image.Mutate(x => x.AutoOrient());
            return image;
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException or NotSupportedException or ImageFormatException)
        {
            throw new InvalidInputException(path, $"corrupt or truncated image ({e.Message.TrimEnd('.')})", e);
        }
    }

    /// <summary>Size that fits <paramref name="maxSide"/> on the longest side, keeping the aspect ratio (never below 1 px).</summary>
    public static (int Width, int Height) FitWithin(int width, int height, int maxSide)
    {
        double scale = (double)maxSide / Math.Max(width, height);
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    /// <summary>Loads, resizes to the longest side <paramref name="maxSide"/> and returns [1,3,H,W] RGB in [0,1].</summary>
    public static Tensor LoadTensor(string path, int maxSide, Device? device = null)
    {
        using var image = Load(path);
        return Resized(image, maxSide, device);
    }

    /// <summary>As <see cref="LoadTensor(string, int, Device?)"/>, from the file's bytes read earlier (<see cref="ReadFile"/>).</summary>
    public static Tensor LoadTensor(byte[] encoded, string path, int maxSide, Device? device = null)
    {
        using var image = Decode(path, () => new MemoryStream(encoded, writable: false));
        return Resized(image, maxSide, device);
    }

    static Tensor Resized(Image<Rgb24> image, int maxSide, Device? device)
    {
        var (w, h) = FitWithin(image.Width, image.Height, maxSide);
        image.Mutate(x => x.Resize(w, h, KnownResamplers.Lanczos3));
        return ToTensor(image, device);
    }

    /// <summary>Loads at an exact size (used when style images must match the content's size).</summary>
    public static Tensor LoadTensor(string path, int width, int height, Device? device = null)
    {
        using var image = Load(path);
        image.Mutate(x => x.Resize(width, height, KnownResamplers.Lanczos3));
        return ToTensor(image, device);
    }

    public static Tensor ToTensor(Image<Rgb24> image, Device? device = null)
    {
        var bytes = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(bytes);
        using var hwc = tensor(bytes, [image.Height, image.Width, 3], ScalarType.Byte);
        var chw = hwc.permute(2, 0, 1).unsqueeze(0).to_type(ScalarType.Float32).contiguous().div_(255f);
        return device is null ? chw : chw.to(device);
    }

    /// <summary>[1,3,H,W] (or [3,H,W]) RGB in [0,1] → image; values are clamped.</summary>
    public static Image<Rgb24> ToImage(Tensor rgb)
    {
        using var scope = NewDisposeScope();
        var t = rgb.dim() == 4 ? rgb[0] : rgb;
        var hwc = t.detach().to(CPU).clamp(0, 1).mul(255f).round().to_type(ScalarType.Byte).permute(1, 2, 0).contiguous();
        int h = (int)hwc.shape[0], w = (int)hwc.shape[1];
        var bytes = hwc.data<byte>().ToArray();
        return Image.LoadPixelData<Rgb24>(bytes, w, h);
    }

    public static byte[] EncodePng(Tensor rgb)
    {
        using var image = ToImage(rgb);
        using var stream = new MemoryStream();
        image.Save(stream, new PngEncoder());
        return stream.ToArray();
    }
}
