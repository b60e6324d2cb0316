using static TorchSharp.torch;

namespace StyleTransfer.Engine.Losses;

/// <summary>
/// Content loss of Gatys et al.: squared distance between the image's features and the content's features,
/// divided by the content features' mean square so that its scale does not depend on the layer or backbone.
/// </summary>
public sealed class ContentLoss : IDisposable
{
    readonly Tensor _target;
    readonly double _norm;

    public ContentLoss(Tensor contentFeatures)
    {
        _target = contentFeatures.detach().clone().DetachFromDisposeScope();
        _norm = Math.Max(_target.square().mean().ToDouble(), 1e-12);
    }

    public Tensor Compute(Tensor features) => nn.functional.mse_loss(features, _target).div(_norm);

    public void Dispose() => _target.Dispose();
}
