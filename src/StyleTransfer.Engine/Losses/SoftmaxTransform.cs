using static TorchSharp.torch;

namespace StyleTransfer.Engine.Losses;

/// <summary>
/// Softmax transformation of a layer's activations before style statistics (Wang et al., CVPR 2021, "Rethinking
/// and Improving the Robustness of Image Style Transfer"): it damps the few peaky, large activations of ResNets
/// that otherwise dominate Gram matrices. Softmax over all C·H·W activations of the layer, at a temperature,
/// scaled by C·H·W so that the mean activation is 1 and the loss weights stay in the range of the plain features.
/// </summary>
public static class SoftmaxTransform
{
    public static Tensor Apply(Tensor features, double temperature)
    {
        var shape = features.shape;
        long n = shape[1] * shape[2] * shape[3];
        using var flat = features.reshape(shape[0], n).div(temperature);
        using var soft = nn.functional.softmax(flat, 1);
        return soft.mul(n).reshape(shape);
    }
}
