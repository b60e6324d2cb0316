using static TorchSharp.torch;

namespace StyleTransfer.Engine.Losses.Terms;

/// <summary>
/// One term of an <see cref="Objective"/> (in the spirit of pystiche's perceptual-loss composition): a scalar,
/// differentiable in the image, computed from the image and the backbone features it names in <see cref="Layers"/>.
/// A term owns its targets and frees them on dispose.
/// </summary>
public interface ILossTerm : IDisposable
{
    /// <summary>Backbone layers (or <see cref="FeatureLayers.Pixels"/>) the term reads from <see cref="LossInput.Features"/>.</summary>
    IReadOnlyCollection<string> Layers { get; }

    Tensor Compute(LossInput input);
}
