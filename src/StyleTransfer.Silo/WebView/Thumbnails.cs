using Microsoft.Extensions.Caching.Memory;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;
using StyleTransfer.Storage;

namespace StyleTransfer.Silo.WebView;

/// <summary>
/// Small PNG previews of images in the result store, made once and kept in a bounded memory cache. The cache key
/// holds the result's length and parameters hash, so a result committed again under the same name gets a new one.
/// </summary>
public sealed class Thumbnails(IResultStore store, int maxSide = Thumbnails.DefaultMaxSide, long cacheBytes = 64L << 20) : IDisposable
{
    public const int DefaultMaxSide = 160;

    /// <summary>Images with more pixels than this are not decoded (a thumbnail is not worth a decompression bomb).</summary>
    public const long MaxPixels = 40_000_000;

    readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = cacheBytes });

    /// <summary>The PNG thumbnail of a result, or null when there is no result of that name.</summary>
    /// <exception cref="InvalidDataException">the result is not an image ImageSharp can read, or is too large.</exception>
    public async Task<byte[]?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var result = await store.GetAsync(name, cancellationToken);
        if (result is null) return null;
        var key = $"{name}\n{result.Length}\n{result.Metadata.GetValueOrDefault("params-hash")}";
        if (_cache.TryGetValue(key, out byte[]? cached)) return cached;
        var thumbnail = Make(await store.ReadAsync(name, cancellationToken), maxSide, name);
        _cache.Set(key, thumbnail, new MemoryCacheEntryOptions { Size = thumbnail.Length, SlidingExpiration = TimeSpan.FromHours(1) });
        return thumbnail;
    }

    /// <summary>A PNG whose longest side is at most <paramref name="maxSide"/> (smaller images keep their size).</summary>
    public static byte[] Make(byte[] image, int maxSide, string name)
    {
        try
        {
            var info = Image.Identify(image) ?? throw new InvalidDataException($"{name}: not an image format the web view can read");
            if ((long)info.Width * info.Height > MaxPixels)
                throw new InvalidDataException($"{name}: {info.Width}×{info.Height} pixels is too large for a thumbnail");
            using var loaded = Image.Load(image);
            if (loaded.Width > maxSide || loaded.Height > maxSide)
                loaded.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(maxSide, maxSide), Mode = ResizeMode.Max }));
            using var output = new MemoryStream();
            loaded.SaveAsPng(output);
            return output.ToArray();
        }
        catch (Exception e) when (e is UnknownImageFormatException or ImageFormatException)
        {
            throw new InvalidDataException($"{name}: {e.Message}", e);
        }
    }

    public void Dispose() => _cache.Dispose();
}
