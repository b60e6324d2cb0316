using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace StyleTransfer.Engine.Methods.Strotss;

/// <summary>Cost matrices between two sets of row vectors ([n,d] and [m,d] → [n,m]).</summary>
public static class PairwiseDistance
{
    /// <summary>1 − cos(x_i, y_j): 0 for parallel vectors, 2 for opposite ones.</summary>
    public static Tensor Cosine(Tensor x, Tensor y)
    {
        using var xn = F.normalize(x, p: 2, dim: 1, eps: 1e-8);
        using var yn = F.normalize(y, p: 2, dim: 1, eps: 1e-8);
        using var similarity = xn.matmul(yn.t());
        return similarity.neg().add_(1);
    }

    /// <summary>‖x_i − y_j‖₂; the squared distance is floored at 1e-8 so that the gradient stays finite at zero.</summary>
    public static Tensor Euclidean(Tensor x, Tensor y)
    {
        using var xx = x.square().sum(1, keepdim: true);
        using var yy = y.square().sum(1, keepdim: true).t();
        using var xy = x.matmul(y.t());
        using var squared = xx + yy - xy.mul(2);
        return squared.clamp_min(1e-8).sqrt();
    }
}
