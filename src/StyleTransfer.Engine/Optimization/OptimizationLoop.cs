using StyleTransfer.Engine.Methods.Gatys;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Optimization;

/// <summary>
/// The optimization loop every iterative method runs at each of its scales and stages: minimizes an objective over a
/// parameterized image for a number of iterations, one optimizer step per iteration (so that progress, cancellation
/// and snapshots happen per iteration), with a policy for divergence.
/// </summary>
public static class OptimizationLoop
{
    /// <summary>Runs <paramref name="iterations"/> steps; returns the final image (detached; the caller disposes it).</summary>
    /// <param name="scale">the 1-based scale (or stage) reported with each iteration.</param>
    public static Tensor Run(IImageParameterization image, OptimizerFactory makeOptimizer, Func<Tensor, Tensor> loss,
        int iterations, DivergencePolicy policy, IterationCounter counter, int scale, CancellationToken ct)
    {
        using var guard = policy == DivergencePolicy.RestoreBest ? new DivergenceGuard() : null;
        var optimizer = makeOptimizer(image.Parameters);
        try
        {
            for (int i = 0; i < iterations; i++)
            {
                ct.ThrowIfCancellationRequested();
                using var evaluated = guard is null ? null : image.Image().detach().clone();
                float value = Step(optimizer, image, loss);
                if (guard is null && !float.IsFinite(value))
                    throw new InvalidOperationException($"the loss diverged ({value}) at iteration {counter.Done + 1}; lower the learning rate");
                counter.Advance(scale, value);
                if (guard is null) image.AfterStep();
                else if (guard.Observe(evaluated!, value))
                {
                    image.Restore(guard.Best!);
                    optimizer.Dispose();
                    optimizer = makeOptimizer(image.Parameters);
                }
                else image.AfterStep();
                if (counter.SnapshotDue)
                    using (no_grad()) { using var current = image.Image().detach(); using var clamped = current.clamp(0, 1); counter.Snapshot(clamped); }
            }
        }
        finally
        {
            optimizer.Dispose();
        }
        using (no_grad())
        {
            // The last step's result has not been evaluated: keep it only if it is no worse than the best seen.
            if (guard?.Best is not null)
            {
                using var finalLoss = loss(image.Image());
                if (finalLoss.item<float>() > guard.BestLoss) image.Restore(guard.Best);
            }
            return image.Image().detach().clone();
        }
    }

    /// <summary>One optimizer step; returns the loss at the image as it was before the step.</summary>
    static float Step(optim.Optimizer optimizer, IImageParameterization image, Func<Tensor, Tensor> loss)
    {
        float value = float.NaN;
        Exception? failure = null;
        optimizer.step(() =>
        {
            // The optimizer calls this from native code: an exception escaping here would end the process,
            // so it is carried out and rethrown once step() has returned.
            try
            {
                optimizer.zero_grad();
                using var stepScope = NewDisposeScope();
                var total = loss(image.Image());
                total.backward();
                value = total.item<float>();
                return total.detach().MoveToOuterDisposeScope();
            }
            catch (Exception e)
            {
                failure ??= e;
                return zeros(1, device: image.Parameters[0].device).sum();
            }
        });
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return value;
    }
}
