using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.Strotss;

/// <summary>
/// The content loss of STROTSS (Kolkin et al. 2019, eq. 7): compares the pairwise cosine distances among the output's
/// sampled features with those among the content's features at the same positions, each column normalized to sum
/// to one: Σ_ij |D^X_ij/Σ_i D^X_ij − D^C_ij/Σ_i D^C_ij|, scaled by 1/n. The paper prints 1/n²; the reference code
/// multiplies that mean by n, and its weighting (α = 16) is calibrated with 1/n, so that is what is used here.
/// </summary>
public static class SelfSimilarity
{
    /// <summary>x and c [n,d], row i of both taken at the same position.</summary>
    public static Tensor Loss(Tensor x, Tensor c)
    {
        using var scope = NewDisposeScope();
        var dx = PairwiseDistance.Cosine(x, x);
        var dc = PairwiseDistance.Cosine(c, c);
        // The floor keeps a column of identical features (all distances 0) from dividing by zero.
        var nx = dx / dx.sum(0, keepdim: true).clamp_min(1e-8);
        var nc = dc / dc.sum(0, keepdim: true).clamp_min(1e-8);
        var loss = (nx - nc).abs().sum().div(x.shape[0]);
        return loss.MoveToOuterDisposeScope();
    }
}
