namespace StyleTransfer.Engine.Backbones;

/// <summary>Checks layer names requested from a backbone against the ones it offers.</summary>
static class LayerSelection
{
    public static void Validate(string backbone, IReadOnlyList<string> available, IEnumerable<string> requested)
    {
        foreach (var name in requested)
            if (!available.Contains(name))
                throw new ArgumentException(
                    $"backbone '{backbone}' has no layer '{name}'; available: {string.Join(", ", available)}", nameof(requested));
    }

    public static void ValidateInput(string backbone, TorchSharp.torch.Tensor rgb, TorchSharp.torch.Device device)
    {
        if (rgb.dim() != 4 || rgb.shape[1] != 3)
            throw new ArgumentException($"backbone '{backbone}' expects an RGB batch [N,3,H,W]; got [{string.Join(",", rgb.shape)}]", nameof(rgb));
        if (rgb.dtype != TorchSharp.torch.ScalarType.Float32)
            throw new ArgumentException($"backbone '{backbone}' expects float32 input; got {rgb.dtype}", nameof(rgb));
        if (rgb.device.type != device.type || (device.type == TorchSharp.DeviceType.CUDA && Math.Max(rgb.device.index, 0) != Math.Max(device.index, 0)))
            throw new ArgumentException($"backbone '{backbone}' lives on {device}; input is on {rgb.device}", nameof(rgb));
    }
}
