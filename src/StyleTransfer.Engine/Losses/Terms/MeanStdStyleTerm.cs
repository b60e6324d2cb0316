using StyleTransfer.Engine.Methods.FeedForward;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Losses.Terms;

/// <summary>
/// Style as the first two moments of each channel at one layer (Li, Wang, Liu and Hou, "Demystifying Neural Style
/// Transfer", IJCAI 2017: matching batch-normalization statistics is a style loss, like matching Grams):
/// (‖μ − μ_s‖² + ‖σ − σ_s‖²) / (‖μ_s‖² + ‖σ_s‖²), relative to the target's size so that layers of different scales
/// weigh alike, as the Gram term does. Several styles blend by the weighted mean of their moments.
/// </summary>
public sealed class MeanStdStyleTerm : ILossTerm
{
    readonly string _layer;
    readonly Tensor _mean, _std;
    readonly double _norm;
    readonly Func<Tensor, Tensor>? _transform;

    /// <param name="styles">the styles' features at <paramref name="layer"/> ([1,C,H,W]) with their blend weights.</param>
    /// <param name="transform">applied to features before their moments (e.g. the softmax transformation); null for none.</param>
    public MeanStdStyleTerm(string layer, IReadOnlyList<(Tensor Features, double Weight)> styles, Func<Tensor, Tensor>? transform = null)
    {
        if (styles.Count == 0) throw new ArgumentException("a style term needs at least one style");
        _layer = layer;
        _transform = transform;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        double total = styles.Sum(s => s.Weight);
        var moments = styles.Select(s => (Moments: Moments(s.Features.detach()), Share: s.Weight / total)).ToList();
        // Kept past the caller's dispose scope: the term owns its targets.
        _mean = moments.Select(m => m.Moments.Mean * m.Share).Aggregate((a, b) => a + b).DetachFromDisposeScope();
        _std = moments.Select(m => m.Moments.Std * m.Share).Aggregate((a, b) => a + b).DetachFromDisposeScope();
        _norm = Math.Max((_mean.square().sum() + _std.square().sum()).ToDouble(), 1e-20);
    }

    public IReadOnlyCollection<string> Layers => [_layer];

    public Tensor Compute(LossInput input)
    {
        var (mean, std) = Moments(input.Features[_layer]);
        using (mean) using (std) return (mean - _mean).square().sum().add((std - _std).square().sum()).div(_norm);
    }

    /// <summary>Per-channel mean and standard deviation over positions (<see cref="AdaIn.Moments"/>), of the transformed features.</summary>
    (Tensor Mean, Tensor Std) Moments(Tensor features)
    {
        if (_transform is null) return AdaIn.Moments(features);
        using var transformed = _transform(features);
        return AdaIn.Moments(transformed);
    }

    public void Dispose()
    {
        _mean.Dispose();
        _std.Dispose();
    }
}
