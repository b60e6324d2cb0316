using TorchSharp;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Losses;

/// <summary>
/// Gram style loss of one layer, as a sum of terms. A term compares the Gram matrix of the image's features
/// (optionally under a content-region mask) with a target Gram, relative to the target's squared norm so that
/// layers and backbones of different scales weigh alike: w · ‖G − A‖² / ‖A‖² (for region terms, A of the whole style).
/// Several style images blend by a weighted mean of their Grams; semantic masks give one term per region.
/// </summary>
public sealed class StyleLoss : IDisposable
{
    sealed record Term(Tensor Target, double Norm, Tensor? Mask, double Weight);

    readonly List<Term> _terms = [];
    readonly Func<Tensor, Tensor> _transform;

    /// <param name="transform">applied to features before the Gram (e.g. the softmax transformation); null for none.</param>
    public StyleLoss(Func<Tensor, Tensor>? transform = null) => _transform = transform ?? (f => f.alias());

    /// <summary>Adds a whole-image term whose target is the weighted mean of the styles' Grams.</summary>
    public void AddBlended(IReadOnlyList<(Tensor Features, double Weight)> styles, double weight = 1.0)
    {
        double total = styles.Sum(s => s.Weight);
        Tensor? target = null;
        foreach (var (features, w) in styles)
        {
            using var scope = NewDisposeScope();
            using var transformed = _transform(features.detach());
            var g = Gram.Of(transformed).mul(w / total);
            var next = target is null ? g : target.add(g);
            target?.Dispose();
            target = next.MoveToOuterDisposeScope();
        }
        AddTerm(target!, null, weight);
    }

    /// <summary>
    /// Adds one term per region: style Gram under the region's style mask vs image Gram under its content mask (masks
    /// [H,W] at the layer's resolution), weighted. Each error is relative to the whole style image's Gram at this layer,
    /// not the region's own: a near-black region has a near-zero Gram, and dividing by it would make that one region
    /// outweigh everything else by orders of magnitude (and the optimization unstable).
    /// </summary>
    public void AddRegions(Tensor styleFeatures, IEnumerable<(Tensor StyleMask, Tensor ContentMask, double Weight)> regions)
    {
        using var scope = NewDisposeScope();
        using var transformed = _transform(styleFeatures.detach());
        double norm = NormOf(Gram.Of(transformed));
        foreach (var (styleMask, contentMask, weight) in regions)
            AddTerm(Gram.OfMasked(transformed, styleMask), contentMask.detach().clone().DetachFromDisposeScope(), weight, norm);
    }

    void AddTerm(Tensor target, Tensor? mask, double weight, double? norm = null) =>
        _terms.Add(new Term(target.detach().DetachFromDisposeScope(), norm ?? NormOf(target), mask, weight));

    static double NormOf(Tensor gram) => Math.Max(gram.square().sum().ToDouble(), 1e-20);

    public int TermCount => _terms.Count;

    public Tensor Compute(Tensor features)
    {
        using var transformed = _transform(features);
        Tensor? total = null;
        foreach (var term in _terms)
        {
            using var g = term.Mask is null ? Gram.Of(transformed) : Gram.OfMasked(transformed, term.Mask);
            using var diff = g - term.Target;
            var value = diff.square().sum().mul(term.Weight / term.Norm);
            if (total is null) total = value;
            else { var sum = total + value; total.Dispose(); value.Dispose(); total = sum; }
        }
        return total ?? zeros(1, device: features.device).sum();
    }

    public void Dispose()
    {
        foreach (var t in _terms) { t.Target.Dispose(); t.Mask?.Dispose(); }
        _terms.Clear();
    }
}
