using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.Strotss;

/// <summary>
/// Relaxed Earth Mover's Distance (Kolkin et al. 2019, eq. 4): each side's mass goes to its nearest point on the
/// other side, and the larger of the two one-sided costs is taken, ℓ_r = max(mean_i min_j C_ij, mean_j min_i C_ij).
/// A lower bound of the EMD with uniform weights that costs one [n,m] matrix.
/// </summary>
public static class RelaxedEmd
{
    /// <summary>From a cost matrix [n,m] (rows: output points, columns: style points) to a scalar.</summary>
    public static Tensor FromCost(Tensor cost)
    {
        using var rows = cost.min(1).values.mean();
        using var columns = cost.min(0).values.mean();
        return maximum(rows, columns);
    }

    /// <summary>ℓ_r with the cosine cost, for feature vectors x [n,d] and y [m,d].</summary>
    public static Tensor Cosine(Tensor x, Tensor y)
    {
        using var cost = PairwiseDistance.Cosine(x, y);
        return FromCost(cost);
    }

    /// <summary>ℓ_r with the Euclidean cost.</summary>
    public static Tensor Euclidean(Tensor x, Tensor y)
    {
        using var cost = PairwiseDistance.Euclidean(x, y);
        return FromCost(cost);
    }
}
