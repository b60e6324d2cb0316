using TorchSharp;
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
    readonly Func<Tensor, Tensor>? _transform;

    /// <param name="transform">applied to features before comparing (e.g. the softmax transformation); null for none.</param>
    public ContentLoss(Tensor contentFeatures, Func<Tensor, Tensor>? transform = null)
    {
        _transform = transform;
        using var target = transform is null ? contentFeatures.detach().alias() : transform(contentFeatures.detach());
        _target = target.clone().DetachFromDisposeScope();
        _norm = Math.Max(_target.square().mean().ToDouble(), 1e-12);
    }

    public Tensor Compute(Tensor features)
    {
        if (_transform is null) return nn.functional.mse_loss(features, _target).div(_norm);
        using var transformed = _transform(features);
        return nn.functional.mse_loss(transformed, _target).div(_norm);
    }

    public void Dispose() => _target.Dispose();
}
