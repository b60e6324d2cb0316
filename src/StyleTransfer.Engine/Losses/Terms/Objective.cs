using StyleTransfer.Engine.Backbones;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Losses.Terms;

/// <summary>
/// A weighted sum of loss terms, evaluated with one backbone pass over the union of the layers they read. Terms are
/// added in order; terms of weight zero are not computed. Owns (and disposes) its terms and
/// <paramref name="shared"/> (state several terms read, e.g. STROTSS's samples).
/// </summary>
public sealed class Objective(IBackbone backbone, IReadOnlyList<WeightedTerm> terms, params IDisposable[] shared) : IDisposable
{
    readonly string[] _layers = terms.Where(t => t.Weight != 0).SelectMany(t => t.Term.Layers).Distinct().ToArray();

    public IReadOnlyList<WeightedTerm> Terms { get; } = terms;

    public Tensor Compute(Tensor image)
    {
        var input = new LossInput(image, FeatureLayers.Extract(backbone, image, _layers));
        var total = zeros(1, device: image.device).sum();
        foreach (var (term, weight) in Terms)
            if (weight != 0) total = total + term.Compute(input).mul(weight);
        return total;
    }

    public void Dispose()
    {
        foreach (var t in Terms) t.Term.Dispose();
        foreach (var s in shared) s.Dispose();
    }
}
