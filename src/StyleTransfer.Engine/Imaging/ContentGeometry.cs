using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace StyleTransfer.Engine.Imaging;

/// <summary>Dataset geometry: the shorter side to a given size (aspect kept), then optionally the centred square.</summary>
public static class ContentGeometry
{
    /// <param name="shorterSide">0 keeps the size.</param>
    public static void Apply(Image<Rgb24> image, int shorterSide, bool centerCrop)
    {
        if (shorterSide > 0)
        {
            double scale = (double)shorterSide / Math.Min(image.Width, image.Height);
            bool portrait = image.Width < image.Height;
            int w = portrait ? shorterSide : Math.Max(shorterSide, (int)Math.Round(image.Width * scale));
            int h = portrait ? Math.Max(shorterSide, (int)Math.Round(image.Height * scale)) : shorterSide;
            if (w != image.Width || h != image.Height) image.Mutate(x => x.Resize(w, h, KnownResamplers.Lanczos3));
        }
        if (centerCrop && image.Width != image.Height)
        {
            int side = Math.Min(image.Width, image.Height);
            image.Mutate(x => x.Crop(new Rectangle((image.Width - side) / 2, (image.Height - side) / 2, side, side)));
        }
    }
}
