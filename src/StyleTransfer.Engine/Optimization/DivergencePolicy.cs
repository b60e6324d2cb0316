namespace StyleTransfer.Engine.Optimization;

/// <summary>What <see cref="OptimizationLoop"/> does when the loss blows up or is not finite.</summary>
public enum DivergencePolicy
{
    /// <summary>Go back to the best image evaluated and restart the optimizer (<see cref="Methods.Gatys.DivergenceGuard"/>); end on the best image.</summary>
    RestoreBest,

    /// <summary>Fail the run on a non-finite loss.</summary>
    Fail,
}
