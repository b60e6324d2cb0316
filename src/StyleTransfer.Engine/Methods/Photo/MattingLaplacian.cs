using TorchSharp;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.Photo;

/// <summary>
/// Matting Laplacian of Levin, Lischinski and Weiss (2008), "A Closed-Form Solution to Natural Image Matting", for
/// 3×3 windows (radius 1) lying entirely inside the image:
/// L_ij = Σ_{k | i,j ∈ w_k} (δ_ij − (1 + (I_i − μ_k)ᵀ (Σ_k + ε/9 · I₃)⁻¹ (I_j − μ_k)) / 9).
/// <para>
/// Pixels i and j share a window only if they are at most 2 apart in each direction, so L has 25 bands. It is
/// stored as those bands, <c>Band[o][y,x] = L[(y,x), (y+dy,x+dx)]</c> for the 25 offsets o = (dy,dx) ∈ [−2,2]² —
/// 25·H·W values instead of a dense (H·W)² matrix (a 700×500 image: 8.75 M values, 35 MB in float32) — and
/// multiplied matrix-free by 25 shifted multiply-adds, which autograd differentiates like any dense op.
/// <see cref="ToSparse"/> gives the same matrix as a sparse COO tensor.
/// </para>
/// Window statistics are computed for all windows at once (unfold, closed-form 3×3 inverse) in float64: with ε ≈ 1e-7
/// the regularized covariance of a flat window is nearly singular.
/// </summary>
public sealed class MattingLaplacian : IDisposable
{
    /// <summary>Levin et al.'s regularizer; Luan et al. use 1e-7.</summary>
    public const double DefaultEpsilon = 1e-7;

    const int Radius = 1, Size = 2 * Radius + 1, Window = Size * Size, Span = 2 * Size - 1;

    readonly Tensor _band; // [25, H, W]

    MattingLaplacian(Tensor band, int height, int width, double epsilon)
    {
        _band = band;
        Height = height;
        Width = width;
        Epsilon = epsilon;
    }

    public int Height { get; }
    public int Width { get; }
    public double Epsilon { get; }

    /// <summary>Number of pixels N = H·W (L is N×N).</summary>
    public long Pixels => (long)Height * Width;

    /// <summary>The 25 bands, [25,H,W]: index (dy+2)·5 + (dx+2) holds L[(y,x),(y+dy,x+dx)] at [y,x] (0 outside the image).</summary>
    public Tensor Bands => _band;

    /// <summary>Builds L for <paramref name="image"/> ([1,3,H,W] or [3,H,W], RGB in [0,1]) on its device.</summary>
    /// <param name="dtype">precision of the stored bands (the build itself runs in float64).</param>
    public static MattingLaplacian Build(Tensor image, double epsilon = DefaultEpsilon, ScalarType dtype = ScalarType.Float32)
    {
        if (image.dim() == 4 && image.shape[0] == 1) image = image[0];
        if (image.dim() != 3 || image.shape[0] != 3)
            throw new ArgumentException($"the matting Laplacian needs an RGB image [1,3,H,W] or [3,H,W], got [{string.Join(",", image.shape)}]");
        if (!double.IsFinite(epsilon) || epsilon <= 0)
            throw new ArgumentException($"matting Laplacian epsilon {epsilon} must be finite and > 0");
        int h = (int)image.shape[1], w = (int)image.shape[2];
        if (h < Size || w < Size)
            throw new ArgumentException($"the matting Laplacian needs an image of at least {Size}×{Size} px, got {w}×{h}");

        using var scope = NewDisposeScope();
        int hk = h - 2 * Radius, wk = w - 2 * Radius;
        var pixels = image.detach().to(ScalarType.Float64).unsqueeze(0);
        var band = zeros(Span * Span, h, w, ScalarType.Float64, image.device);
        // Strips of window rows keep every temporary small (a few hundred kB): one pass over a 700×500 image with
        // whole-image temporaries of 75 MB each was over 10× slower, dominated by allocating fresh pages.
        int stripRows = Math.Max(1, WindowsPerStrip / wk);
        for (int r0 = 0; r0 < hk; r0 += stripRows)
        {
            using var strip = NewDisposeScope();
            int rows = Math.Min(stripRows, hk - r0);
            AddStrip(band, pixels[.., .., r0..(r0 + rows + 2 * Radius), ..], r0, rows, wk, epsilon);
        }
        return new MattingLaplacian(band.to(dtype).DetachFromDisposeScope(), h, w, epsilon);
    }

    const int WindowsPerStrip = 8192;

    /// <summary>Adds the windows centred on rows r0+1 … r0+rows of the image (<paramref name="pixels"/> holds rows r0 … r0+rows+1).</summary>
    static void AddStrip(Tensor band, Tensor pixels, int r0, int rows, int wk, double epsilon)
    {
        long k = (long)rows * wk;
        // [1, 3·9, K] → [3, 9, K]: channel, position in the window, window. The per-window 3×3 algebra is written
        // out on [K] vectors (closed-form symmetric inverse) instead of K batched LAPACK calls on tiny matrices.
        var x = nn.functional.unfold(pixels, Size).reshape(3, Window, k);
        var centred = x - x.mean([1], keepdim: true);
        Tensor Cov(int i, int j) => centred[i].mul(centred[j]).mean([0]);
        double ridge = epsilon / Window;
        var (s00, s11, s22) = (Cov(0, 0).add_(ridge), Cov(1, 1).add_(ridge), Cov(2, 2).add_(ridge));
        var (s01, s02, s12) = (Cov(0, 1), Cov(0, 2), Cov(1, 2));
        var c00 = s11 * s22 - s12 * s12;
        var c01 = s02 * s12 - s01 * s22;
        var c02 = s01 * s12 - s02 * s11;
        var c11 = s00 * s22 - s02 * s02;
        var c12 = s01 * s02 - s00 * s12;
        var c22 = s00 * s11 - s01 * s01;
        var det = s00 * c00 + s01 * c01 + s02 * c02;
        var inverse = new[] { c00, c01, c02, c01, c11, c12, c02, c12, c22 }.Select(c => c.div(det)).ToArray();
        // projected[i] = Σ_j (Σ⁻¹)_ij (I_j − μ): [3, 9, K].
        var projected = stack(Enumerable.Range(0, 3).Select(i =>
            centred[0].mul(inverse[i * 3]).add_(centred[1].mul(inverse[i * 3 + 1])).add_(centred[2].mul(inverse[i * 3 + 2]))));

        for (int a = 0; a < Window; a++)
        {
            int ay = a / Size - Radius, ax = a % Size - Radius;
            // [9, K]: 1 + (I_a − μ)ᵀ Σ⁻¹ (I_b − μ) for every b.
            using var gram = projected[.., a..(a + 1), ..].mul(centred).sum([0]).add_(1);
            for (int b = 0; b < Window; b++)
            {
                int by = b / Size - Radius, bx = b % Size - Radius;
                int o = (by - ay + Size - 1) * Span + (bx - ax + Size - 1);
                int y0 = r0 + Radius + ay, x0 = Radius + ax;
                using var target = band[o, y0..(y0 + rows), x0..(x0 + wk)];
                using var value = gram[b].reshape(rows, wk);
                target.add_(value, alpha: -1.0 / Window);
                if (a == b) target.add_(1);
            }
        }
    }

    /// <summary>
    /// L·v for each H×W plane of <paramref name="v"/> ([..., H, W]), matrix-free and differentiable. Since L is
    /// symmetric, the gradient of vᵀLv is 2·L·v.
    /// </summary>
    public Tensor Multiply(Tensor v)
    {
        if (v.dim() < 2 || v.shape[^2] != Height || v.shape[^1] != Width)
            throw new ArgumentException($"the matting Laplacian is for {Width}×{Height} images, got [{string.Join(",", v.shape)}]");
        using var scope = NewDisposeScope();
        var band = _band.dtype == v.dtype && _band.device == v.device ? _band : _band.to(v.dtype, v.device);
        var padded = nn.functional.pad(v, [2, 2, 2, 2]);
        Tensor? sum = null;
        for (int dy = -2; dy <= 2; dy++)
            for (int dx = -2; dx <= 2; dx++)
            {
                var shifted = padded[TensorIndex.Ellipsis, (2 + dy)..(2 + dy + Height), (2 + dx)..(2 + dx + Width)];
                var term = shifted.mul(band[(dy + 2) * Span + dx + 2]);
                sum = sum is null ? term : sum.add(term);
            }
        return sum!.MoveToOuterDisposeScope();
    }

    /// <summary>Σ over the planes of <paramref name="v"/> ([..., H, W]) of vᵀ L v (differentiable).</summary>
    public Tensor QuadraticForm(Tensor v)
    {
        using var lv = Multiply(v);
        return v.mul(lv).sum();
    }

    /// <summary>L as a sparse COO tensor [N,N] (about 25 non-zeros per row, row-major pixel order), entries sorted and unique.</summary>
    public Tensor ToSparse()
    {
        using var scope = NewDisposeScope();
        var device = _band.device;
        var ys = arange(Height, ScalarType.Int64, device).reshape(Height, 1).expand(Height, Width);
        var xs = arange(Width, ScalarType.Int64, device).reshape(1, Width).expand(Height, Width);
        var rows = new List<Tensor>();
        var cols = new List<Tensor>();
        var values = new List<Tensor>();
        for (int dy = -2; dy <= 2; dy++)
            for (int dx = -2; dx <= 2; dx++)
            {
                var b = _band[(dy + 2) * Span + dx + 2];
                var keep = b.ne(0);
                var y = ys.masked_select(keep);
                var x = xs.masked_select(keep);
                rows.Add(y * Width + x);
                cols.Add((y + dy) * Width + (x + dx));
                values.Add(b.masked_select(keep));
            }
        // Every (row, column) occurs once; sorting by it gives the coalesced layout (TorchSharp 0.107 has no coalesce()).
        var row = cat(rows);
        var col = cat(cols);
        var order = (row * Pixels + col).argsort();
        var indices = stack([row[order], col[order]]);
        var sparse = sparse_coo_tensor(indices, cat(values)[order], [Pixels, Pixels]);
        return sparse.MoveToOuterDisposeScope();
    }

    public void Dispose() => _band.Dispose();
}
