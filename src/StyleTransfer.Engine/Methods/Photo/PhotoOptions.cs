using StyleTransfer.Engine.Segmentation;

namespace StyleTransfer.Engine.Methods.Photo;

/// <summary>
/// Parameters of Deep Photo Style Transfer (Luan et al., CVPR 2017) on top of the Gatys options (content/style
/// weights, layers, optimizer; not its scales, photo has its own) and the shared ones (backbone, size), whose <c>Iterations</c> these stage
/// counts replace. Immutable.
/// </summary>
public sealed record PhotoOptions
{
    /// <summary>Automatic semantic groups, when the item has no masks.</summary>
    public AutoSegmentationOptions Segmentation { get; init; } = new();

    /// <summary>Weight λ of the photorealism term λ·Σ_c V_cᵀ M V_c / (H·W) (see <see cref="PhotorealismLoss"/>).</summary>
    public double Lambda { get; init; } = 1e4;

    /// <summary>
    /// Weight of the per-region colour distribution term (<see cref="Losses.Terms.SlicedWassersteinColorTerm"/>, squared
    /// sliced Wasserstein distance of RGB colours in [0,1], a per-pixel mean) in both stages; 0 leaves it out. 1e2 is
    /// the smallest weight of those measured (0, 1e2, 1e3) that brings the per-region colour distance on the 12 shared
    /// DPST pairs at 256 px below the paper's results; 1e3 carried colours much further but lost structure (README).
    /// </summary>
    public double ColorWeight { get; init; } = 100;

    /// <summary>
    /// Start the optimization from the content recoloured region by region with the style's colours
    /// (<see cref="RegionColorTransfer"/>) instead of from the content itself. On the 12 shared DPST pairs it took the
    /// whole-image colour distance from above the paper's results to below them at 256 and 512 px (per region 6.67 →
    /// 4.79 at 256 px, paper 7.21); SSIM is above the paper's on 11 pairs instead of 10 at 256 px, on 9 instead of 10 at
    /// 512 px (README).
    /// </summary>
    public bool StartFromColorTransfer { get; init; } = true;

    /// <summary>ε of the matting Laplacian (Levin et al.; the paper uses 1e-7).</summary>
    public double Epsilon { get; init; } = MattingLaplacian.DefaultEpsilon;

    /// <summary>
    /// Scales, coarse to fine, each half the size of the next: stage 1 runs over all but the finest, stage 2 at full
    /// size from the full-size start plus stage 1's change (<see cref="DeepPhotoStylizer.CarriedUp"/>). Two scales
    /// gave one scale's quality on the 12 shared DPST pairs at 256 and 512 px in a quarter to two fifths less time,
    /// since stage 1 then never runs at full size (README, "Scales").
    /// </summary>
    public int Scales { get; init; } = 2;

    /// <summary>Stage 1: segmented neural style (content, augmented style and TV losses), coarse to fine over all of <see cref="Scales"/> but the finest.</summary>
    public int StyleIterations { get; init; } = 50;

    /// <summary>
    /// Stage 2, at full size, from stage 1's result: the same losses plus the photorealism term. It gets three quarters
    /// of the default 200 iterations because it is the stage that is short of them: the Laplacian term is local (3×3
    /// windows) and ill-conditioned, so L-BFGS removes stage 1's painted texture slowly. At 100 iterations, raising λ
    /// from 1e4 to 1e6 barely changed the output. With 50 + 150 instead of 100 + 100 the 12 DPST pairs kept more
    /// structure (SSIM above the paper's on 10 instead of 9 at 256 px) and gave back some colour, per region still below
    /// the paper's (README, "Photo's colour against its structure").
    /// </summary>
    public int PhotoIterations { get; init; } = 150;

    /// <summary>Final edge-aware smoothing: the output guided-filtered with the content as guide (<see cref="GuidedFilter"/>).</summary>
    public bool Smooth { get; init; } = true;

    /// <summary>Guided filter radius in pixels.</summary>
    public int SmoothRadius { get; init; } = 2;

    /// <summary>Guided filter regularizer (colours in [0,1]).</summary>
    public double SmoothEpsilon { get; init; } = 1e-4;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first absurd value.</summary>
    public void Validate()
    {
        static void Check(bool ok, string message) { if (!ok) throw new ArgumentException(message); }
        Check(double.IsFinite(Lambda) && Lambda >= 0, $"photorealism weight (lambda) {Lambda} must be finite and >= 0");
        Check(double.IsFinite(ColorWeight) && ColorWeight >= 0, $"colour distribution weight {ColorWeight} must be finite and >= 0");
        Check(double.IsFinite(Epsilon) && Epsilon > 0 && Epsilon <= 1, $"matting Laplacian epsilon {Epsilon} is out of range (0..1]");
        Check(Scales is >= 1 and <= 6, $"scales {Scales} is out of range (1..6)");
        Check(StyleIterations is >= 0 and <= 100_000, $"style-stage iterations {StyleIterations} is out of range (0..100000)");
        Check(PhotoIterations is >= 0 and <= 100_000, $"photorealism-stage iterations {PhotoIterations} is out of range (0..100000)");
        Check(StyleIterations + PhotoIterations >= 1, "style-stage and photorealism-stage iterations are both zero");
        Check(SmoothRadius is >= 1 and <= 64, $"smoothing radius {SmoothRadius} is out of range (1..64 px)");
        Check(double.IsFinite(SmoothEpsilon) && SmoothEpsilon > 0 && SmoothEpsilon <= 1, $"smoothing epsilon {SmoothEpsilon} is out of range (0..1]");
        Segmentation.Validate();
    }
}
