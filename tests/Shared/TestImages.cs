using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace StyleTransfer.Tests.Shared;

/// <summary>Small images written by the tests into a fresh temp folder (deleted on dispose). Shared by test projects as a linked file.</summary>
public sealed class TestImages : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("styletransfer-tests-").FullName;

    public string Path(string name) => System.IO.Path.Combine(Folder, name);

    /// <summary>A smooth gradient with a bright square: stands in for a photo.</summary>
    public string Content(string name, int seed, int width = 64, int height = 64) => Save(name, width, height, (x, y) =>
    {
        bool square = x > width / 4 && x < width / 2 + seed % 8 && y > height / 3 && y < 3 * height / 4;
        return square
            ? new Rgb24(240, 230, (byte)(100 + 20 * seed))
            : new Rgb24((byte)(x * 255 / width), (byte)(y * 255 / height), (byte)(80 + 30 * seed));
    });

    /// <summary>Strong diagonal stripes in saturated colours.</summary>
    public string Style(string name, int width = 64, int height = 64) => Save(name, width, height, (x, y) =>
        ((x + y) / 6 % 3) switch { 0 => new Rgb24(230, 20, 20), 1 => new Rgb24(20, 40, 220), _ => new Rgb24(250, 210, 0) });

    /// <summary>A colour-label mask: left half <paramref name="left"/>, right half <paramref name="right"/>.</summary>
    public string Mask(string name, int width, int height, Rgb24 left, Rgb24 right) =>
        Save(name, width, height, (x, _) => x < width / 2 ? left : right);

    /// <summary>Random colours: almost no pixel is a label colour.</summary>
    public string Noise(string name, int width, int height)
    {
        var random = new Random(7);
        return Save(name, width, height, (_, _) => new Rgb24((byte)random.Next(60, 200), (byte)random.Next(60, 200), (byte)random.Next(60, 200)));
    }

    /// <summary>A .png that is not a PNG.</summary>
    public string Corrupt(string name)
    {
        var path = Path(name);
        File.WriteAllBytes(path, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        return path;
    }

    /// <summary>A PNG whose header claims <paramref name="width"/>×<paramref name="height"/> pixels (a decompression bomb's shape).</summary>
    public string Oversized(string name, int width = 20000, int height = 20000)
    {
        var ihdr = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        using var file = File.Create(Path(name));
        file.Write([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
        WriteChunk(file, "IHDR", ihdr);
        WriteChunk(file, "IEND", []);
        return Path(name);
    }

    static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typed);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typed));
        stream.Write(length);
    }

    static uint Crc32(byte[] bytes)
    {
        uint crc = 0xffffffff;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xedb88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    string Save(string name, int width, int height, Func<int, int, Rgb24> pixel)
    {
        using var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = pixel(x, y);
        var path = Path(name);
        image.SaveAsPng(path);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
