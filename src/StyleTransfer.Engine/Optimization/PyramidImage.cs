using StyleTransfer.Engine.Methods.Strotss;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Optimization;

/// <summary>The levels of a Laplacian pyramid of the image (STROTSS), unclamped; the image is their collapse.</summary>
public sealed class PyramidImage : IImageParameterization
{
    readonly List<Parameter> _levels;

    public PyramidImage(Tensor start, int levels) =>
        _levels = LaplacianPyramid.Build(start, levels).Select(l => new Parameter(l.detach().clone(), requires_grad: true)).ToList();

    public IReadOnlyList<Parameter> Parameters => _levels;

    public Tensor Image() => LaplacianPyramid.Collapse(_levels);

    public void AfterStep() { }

    public void Restore(Tensor image)
    {
        var levels = LaplacianPyramid.Build(image, _levels.Count - 1);
        using (no_grad())
            for (int i = 0; i < _levels.Count; i++) { _levels[i].copy_(levels[i]); levels[i].Dispose(); }
    }

    public void Dispose()
    {
        foreach (var l in _levels) l.Dispose();
    }
}
