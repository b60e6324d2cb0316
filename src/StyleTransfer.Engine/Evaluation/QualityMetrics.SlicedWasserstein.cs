using TorchSharp;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Evaluation;

public static partial class QualityMetrics
{
    /// <summary>Random projections of the colour distances (rounded up to whole orthonormal bases).</summary>
    public const int DefaultProjections = 64;

    /// <summary>Seed of the projections, fixed so that reports are reproducible and comparable.</summary>
    public const int DefaultSeed = 1;

    /// <summary>
    /// Sliced 2-Wasserstein distance between two point sets <paramref name="a"/> [N,D] and <paramref name="b"/> [M,D]:
    /// both sets are projected on random unit directions, the projections are sorted and compared quantile by
    /// quantile (each sorted set interpolated to max(N, M) quantiles), and the result is
    /// sqrt(D · mean over directions of W₂²). The directions come in random orthonormal bases (the count is rounded
    /// up to a multiple of D), so that a set translated by a vector t is exactly |t| away, in the units of the
    /// points; for D = 1 the value is the exact 1-D Wasserstein-2 distance.
    /// </summary>
    public static double SlicedWasserstein(Tensor a, Tensor b, int projections = DefaultProjections, int seed = DefaultSeed)
    {
        if (a.dim() != 2 || b.dim() != 2 || a.shape[1] != b.shape[1])
            throw new ArgumentException($"SlicedWasserstein expects point sets [N,D] and [M,D]; got [{string.Join(",", a.shape)}] and [{string.Join(",", b.shape)}]");
        if (a.shape[0] == 0 || b.shape[0] == 0)
            throw new ArgumentException("SlicedWasserstein needs at least one point in each set");
        if (projections < 1) throw new ArgumentOutOfRangeException(nameof(projections), projections, "must be at least 1");

        int d = (int)a.shape[1];
        long count = Math.Max(a.shape[0], b.shape[0]);

        using var scope = NewDisposeScope();
        var theta = RandomDirections(d, projections, seed).to(a.device);
        var pa = Quantiles(a.detach().to_type(ScalarType.Float64).matmul(theta).t().contiguous().sort(1).Values, count);
        var pb = Quantiles(b.detach().to_type(ScalarType.Float64).matmul(theta).t().contiguous().sort(1).Values, count);
        // Mean over directions of W₂², times D: each orthonormal basis contributes |t|² for a translation t.
        return Math.Sqrt(d * (pa - pb).square().mean().ToDouble());
    }

    /// <summary>
    /// Unit directions [D,K] in columns: ⌈<paramref name="count"/>/D⌉ random orthonormal bases of R^D (K = D·bases),
    /// drawn with <paramref name="seed"/>; float64 on the CPU.
    /// </summary>
    internal static Tensor RandomDirections(int d, int count, int seed)
    {
        var random = new Random(seed);
        int bases = (count + d - 1) / d;
        var directions = new double[bases * d * d];
        for (int basis = 0; basis < bases; basis++)
            RandomOrthonormalBasis(d, random).CopyTo(directions, basis * d * d);
        using var rows = tensor(directions, [bases * d, d]);
        return rows.t().contiguous();
    }

    /// <summary>Linear interpolation of sorted rows [P,N] at the <paramref name="count"/> quantiles (k + ½)/count.</summary>
    static Tensor Quantiles(Tensor sorted, long count)
    {
        long n = sorted.shape[1];
        if (n == count) return sorted;
        var position = (arange(count, ScalarType.Float64, sorted.device) + 0.5) * ((double)n / count) - 0.5;
        position = position.clamp(0, n - 1);
        var lo = position.floor();
        var weight = position - lo;
        var loIndex = lo.to_type(ScalarType.Int64);
        var hiIndex = (loIndex + 1).clamp_max(n - 1);
        return sorted.index_select(1, loIndex) * (1 - weight) + sorted.index_select(1, hiIndex) * weight;
    }

    /// <summary>Rows of a random rotation: Gram–Schmidt of Gaussian vectors (uniform on the sphere, row by row).</summary>
    static double[] RandomOrthonormalBasis(int d, Random random)
    {
        var rows = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            while (true)
            {
                for (int j = 0; j < d; j++) rows[i * d + j] = Gaussian(random);
                for (int k = 0; k < i; k++)
                {
                    double dot = 0;
                    for (int j = 0; j < d; j++) dot += rows[i * d + j] * rows[k * d + j];
                    for (int j = 0; j < d; j++) rows[i * d + j] -= dot * rows[k * d + j];
                }
                double norm = 0;
                for (int j = 0; j < d; j++) norm += rows[i * d + j] * rows[i * d + j];
                norm = Math.Sqrt(norm);
                if (norm < 1e-6) continue;
                for (int j = 0; j < d; j++) rows[i * d + j] /= norm;
                break;
            }
        }
        return rows;
    }

    static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
