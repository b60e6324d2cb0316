using System.Security.Cryptography;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using StyleTransfer.Engine.Imaging;

namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// The training images of a folder (subfolders included, hidden files skipped, sorted by relative path so every
/// machine sees the same list). Each is decoded once up front; files that cannot be used are skipped and reported
/// with their reason. Images are kept as resized RGB pixels: the shorter side brought into
/// [<see cref="MinSide"/>, 2·<see cref="MinSide"/>], so a crop of <see cref="MinSide"/> always fits and covers at
/// least half of a large photo's short side.
/// </summary>
public sealed class TrainingImages : IDisposable
{
    readonly List<(string RelativePath, Image<Rgb24> Image)> _images;

    public IReadOnlyList<(string Path, string Reason)> Skipped { get; }

    public SampleDescription Description { get; }

    public int MinSide { get; }

    public int Count => _images.Count;

    TrainingImages(List<(string, Image<Rgb24>)> images, List<(string, string)> skipped, SampleDescription description, int minSide)
    {
        _images = images;
        Skipped = skipped;
        Description = description;
        MinSide = minSide;
    }

    /// <param name="source">a folder of images, or one image file.</param>
    /// <param name="minSide">the crop size the images must cover.</param>
    /// <param name="skipped">told of each unusable file as it is found (path, reason).</param>
    public static TrainingImages Load(string source, int minSide, Action<string, string>? skipped = null)
    {
        if (minSide < 8) throw new ArgumentOutOfRangeException(nameof(minSide), minSide, "crop size must be >= 8");
        string[] files;
        string root;
        if (File.Exists(source)) { files = [Path.GetFullPath(source)]; root = Path.GetDirectoryName(files[0])!; }
        else if (Directory.Exists(source))
        {
            root = Path.GetFullPath(source);
            files = Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden })
                .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(p => p.StartsWith('.')))
                .Order(StringComparer.Ordinal).ToArray();
        }
        else throw new InvalidInputException(source, "training image folder not found");

        var images = new List<(string, Image<Rgb24>)>();
        var skips = new List<(string, string)>();
        using var listing = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(root, file);
            if (!ImageIO.SupportedExtensions.Contains(Path.GetExtension(file).ToLowerInvariant()))
            {
                Skip(file, "not an image file (extension)");
                continue;
            }
            try
            {
                var image = ImageIO.Load(file);
                images.Add((relative, Fit(image, minSide)));
                listing.AppendData(Encoding.UTF8.GetBytes($"{relative}\t{new FileInfo(file).Length}\n"));
            }
            catch (InvalidInputException e) { Skip(file, e.Problem); }
        }
        if (images.Count == 0)
            throw new InvalidInputException(source, $"no usable training images ({skips.Count} files skipped{(skips.Count > 0 ? $"; first: {skips[0].Item1}: {skips[0].Item2}" : "")})");
        var description = new SampleDescription(source, images.Count, skips.Count, Convert.ToHexStringLower(listing.GetHashAndReset()));
        return new TrainingImages(images, skips, description, minSide);

        void Skip(string file, string reason)
        {
            skips.Add((file, reason));
            skipped?.Invoke(file, reason);
        }
    }

    static Image<Rgb24> Fit(Image<Rgb24> image, int minSide)
    {
        int shorter = Math.Min(image.Width, image.Height);
        int target = Math.Clamp(shorter, minSide, 2 * minSide);
        if (target != shorter)
        {
            double scale = (double)target / shorter;
            int w = Math.Max(minSide, (int)Math.Round(image.Width * scale)), h = Math.Max(minSide, (int)Math.Round(image.Height * scale));
            image.Mutate(x => x.Resize(w, h, KnownResamplers.Lanczos3));
        }
        return image;
    }

    /// <summary>Image <paramref name="index"/>'s size after fitting.</summary>
    public (int Width, int Height) SizeOf(int index) => (_images[index].Image.Width, _images[index].Image.Height);

    /// <summary>The <paramref name="size"/>² crop at (<paramref name="x"/>, <paramref name="y"/>) of image <paramref name="index"/> as RGB bytes (HWC) into <paramref name="destination"/> at <paramref name="offset"/>.</summary>
    public void CopyCrop(int index, int x, int y, int size, byte[] destination, int offset)
    {
        var image = _images[index].Image;
        int row = size * 3;
        image.ProcessPixelRows(accessor =>
        {
            for (int r = 0; r < size; r++)
            {
                var pixels = accessor.GetRowSpan(y + r).Slice(x, size);
                System.Runtime.InteropServices.MemoryMarshal.AsBytes(pixels).CopyTo(destination.AsSpan(offset + r * row, row));
            }
        });
    }

    public void Dispose()
    {
        foreach (var (_, image) in _images) image.Dispose();
        _images.Clear();
    }
}
