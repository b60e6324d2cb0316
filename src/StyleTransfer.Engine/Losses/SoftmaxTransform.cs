using static TorchSharp.torch;

namespace StyleTransfer.Engine.Losses;

/// <summary>
/// Softmax transformation of a layer's activations (Wang et al., CVPR 2021, "Rethinking and Improving the
/// Robustness of Image Style Transfer", SWAG): residual networks produce peaky, low-entropy activations that make
/// poor style statistics; a softmax raises their entropy. Here the softmax runs over the channels at each position,
/// at a temperature, scaled by the channel count so the mean activation is 1 and loss weights stay comparable.
/// Applied before both the Gram matrices and the content comparison, as in the paper.
/// </summary>
public static class SoftmaxTransform
{
    public static Tensor Apply(Tensor features, double temperature)
    {
        using var scaled = features.div(temperature);
        using var soft = nn.functional.softmax(scaled, 1);
        return soft.mul(features.shape[1]);
    }
}
