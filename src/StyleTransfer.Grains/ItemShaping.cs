using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using StyleTransfer.Contracts;
using StyleTransfer.Engine.Imaging;

namespace StyleTransfer.Grains;

/// <summary>
/// A dataset item's <see cref="ItemOutput"/> on the node: the content image resized and cropped into a node-local
/// temporary PNG (deleted on dispose) that the engine stylizes at its own size, and the result encoded in the
/// item's format.
/// </summary>
public sealed class ItemShaping : IDisposable
{
    ItemShaping(string contentPath, int longestSide)
    {
        ContentPath = contentPath;
        LongestSide = longestSide;
    }

    /// <summary>The prepared content image.</summary>
    public string ContentPath { get; }

    /// <summary>Its longest side, the size the method works at (within the engine's 16..8192 px).</summary>
    public int LongestSide { get; }

    /// <exception cref="Engine.InvalidInputException">the content image is missing, unreadable or corrupt.</exception>
    public static ItemShaping Prepare(string contentPath, ItemOutput output)
    {
        using var image = ImageIO.Load(contentPath);
        ContentGeometry.Apply(image, output.ContentSize, output.CenterCrop);
        var folder = Path.Combine(Path.GetTempPath(), "styletransfer-dataset-content");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".png");
        image.Save(path, new PngEncoder());
        return new ItemShaping(path, Math.Clamp(Math.Max(image.Width, image.Height), 16, 8192));
    }

    /// <summary>The engine's PNG in the item's format.</summary>
    public static byte[] Encode(byte[] png, ItemOutput output)
    {
        if (output.Format == ItemOutput.Png) return png;
        using var image = Image.Load(png);
        using var stream = new MemoryStream();
        image.Save(stream, new JpegEncoder { Quality = output.Quality });
        return stream.ToArray();
    }

    public void Dispose()
    {
        try { File.Delete(ContentPath); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
