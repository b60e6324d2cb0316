using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Optimization;

/// <summary>How an optimized image is parameterized: its pixels, or the levels of a Laplacian pyramid.</summary>
public interface IImageParameterization : IDisposable
{
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The image the parameters describe, [1,3,H,W], differentiable.</summary>
    Tensor Image();

    /// <summary>After each optimizer step (e.g. keep pixels in [0,1]).</summary>
    void AfterStep();

    /// <summary>Sets the parameters so that <see cref="Image"/> is <paramref name="image"/> (restoring the best image after a blow-up).</summary>
    void Restore(Tensor image);
}
