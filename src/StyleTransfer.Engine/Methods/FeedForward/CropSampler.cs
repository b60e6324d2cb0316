using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// Draws batches of random square crops (image, then position, uniformly) from <see cref="TrainingImages"/> with a
/// <see cref="SeededRandom"/> whose <see cref="State"/> a checkpoint records: the same seed and state give the same
/// crops in the same order.
/// </summary>
public sealed class CropSampler(TrainingImages images, int cropSize, ulong seed)
{
    readonly SeededRandom _random = new(seed);

    /// <summary>The generator's position; set it to resume where a checkpoint left off.</summary>
    public ulong State
    {
        get => _random.State;
        set => _random.State = value;
    }

    public int CropSize { get; } = cropSize <= images.MinSide
        ? cropSize
        : throw new ArgumentOutOfRangeException(nameof(cropSize), cropSize, $"crop size must be <= the images' fitted short side {images.MinSide}");

    /// <summary>[<paramref name="batch"/>,3,crop,crop] RGB in [0,1] on <paramref name="device"/>.</summary>
    public Tensor Next(int batch, Device device)
    {
        int size = CropSize;
        var bytes = new byte[batch * size * size * 3];
        for (int b = 0; b < batch; b++)
        {
            int index = _random.Next(images.Count);
            var (w, h) = images.SizeOf(index);
            int x = _random.Next(w - size + 1), y = _random.Next(h - size + 1);
            images.CopyCrop(index, x, y, size, bytes, b * size * size * 3);
        }
        using var hwc = tensor(bytes, [batch, size, size, 3], ScalarType.Byte);
        using var nchw = hwc.permute(0, 3, 1, 2).to_type(ScalarType.Float32).div_(255f);
        return nchw.contiguous().to(device);
    }
}
