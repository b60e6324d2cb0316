using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.Gatys;

/// <summary>
/// Keeps the best image an optimization has evaluated and says when a step has blown up. TorchSharp's L-BFGS has no
/// line search, so a step of its quasi-Newton direction sometimes overshoots far (the loss jumping from 12 to 77 on
/// Deep Photo Style Transfer's pair 8); the remedy is to go back to the best image and rebuild the curvature history.
/// </summary>
sealed class DivergenceGuard : IDisposable
{
    /// <summary>A loss this many times the best one means the last step overshot.</summary>
    public const double BlowUpFactor = 1.5;

    /// <summary>Restarts allowed per scale before the run is declared diverged.</summary>
    public const int MaxRestarts = 25;

    Tensor? _best;

    public double BestLoss { get; private set; } = double.PositiveInfinity;

    public int Restarts { get; private set; }

    /// <summary>The best image evaluated so far; null before the first finite loss.</summary>
    public Tensor? Best => _best;

    /// <summary>
    /// Records that <paramref name="evaluated"/> (a copy the guard may keep) has loss <paramref name="loss"/>. Returns
    /// true when that loss is not finite or has blown up against the best: the caller should restore <see cref="Best"/>
    /// and restart its optimizer.
    /// </summary>
    public bool Observe(Tensor evaluated, double loss)
    {
        if (double.IsFinite(loss) && loss <= BestLoss)
        {
            _best?.Dispose();
            _best = evaluated.detach().clone().DetachFromDisposeScope();
            BestLoss = loss;
            return false;
        }
        if (double.IsFinite(loss) && loss <= BestLoss * BlowUpFactor) return false;
        if (_best is null)
            throw new InvalidOperationException($"the loss is {loss} at the start; check the weights and the inputs");
        if (++Restarts > MaxRestarts)
            throw new InvalidOperationException(
                $"the loss diverged ({loss:G4}, best {BestLoss:G4}) {MaxRestarts} times; lower the learning rate or the style weight");
        return true;
    }

    public void Dispose() => _best?.Dispose();
}
