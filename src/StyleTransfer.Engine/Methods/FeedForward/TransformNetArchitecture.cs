namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// Shape of a <see cref="TransformNet"/>: the channels after the input convolution and after each of the two
/// downsampling convolutions (the residual blocks run at the last), and the number of residual blocks.
/// </summary>
public sealed record TransformNetArchitecture(int Width1, int Width2, int Width3, int ResidualBlocks)
{
    /// <summary>Johnson et al.'s network: 32/64/128 channels, 5 residual blocks.</summary>
    public static TransformNetArchitecture Default { get; } = new(32, 64, 128, 5);

    /// <summary>A quarter of the compute of <see cref="Default"/>, for training and running on CPU.</summary>
    public static TransformNetArchitecture Small { get; } = new(16, 32, 64, 5);

    public void Validate()
    {
        foreach (var (name, w) in new[] { ("width1", Width1), ("width2", Width2), ("width3", Width3) })
            if (w is < 1 or > 1024) throw new ArgumentException($"transform network {name} {w} is out of range (1..1024)");
        if (ResidualBlocks is < 0 or > 32) throw new ArgumentException($"residual blocks {ResidualBlocks} is out of range (0..32)");
    }

    public override string ToString() => $"{Width1}/{Width2}/{Width3}x{ResidualBlocks}";
}
