using StyleTransfer.Engine.Methods.Photo;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Losses.Terms;

/// <summary>
/// Deep Photo Style Transfer's photorealism regularization Σ_c V_cᵀ M V_c / N (<see cref="PhotorealismLoss"/> with
/// λ = 1; the objective's weight is λ). Owns the matting Laplacian.
/// </summary>
public sealed class PhotorealismTerm(MattingLaplacian laplacian) : ILossTerm
{
    readonly PhotorealismLoss _loss = new(laplacian, 1.0);

    public IReadOnlyCollection<string> Layers { get; } = [];

    public Tensor Compute(LossInput input) => _loss.Compute(input.Image);

    public void Dispose() => laplacian.Dispose();
}
