using static TorchSharp.torch;

namespace StyleTransfer.Engine.Segmentation;

/// <summary>Content and style masks of the shared (non-orphan) semantic groups, as soft masks at any resolution.</summary>
public sealed class RegionMasks : IDisposable
{
    readonly List<(SemanticGroup Group, Tensor Content, Tensor Style)> _regions = [];

    public RegionMasks(LabelMap content, LabelMap style, IReadOnlyList<SemanticGroup> groups, Device device)
    {
        foreach (var g in groups.Where(g => !g.Orphan))
            _regions.Add((g, ToTensor(content, g.Label, device), ToTensor(style, g.Label, device)));
    }

    public IReadOnlyList<SemanticGroup> Groups => _regions.Select(r => r.Group).ToList();

    /// <summary>Per group: (group, content mask [h,w], style mask [sh,sw]) resized by area averaging.</summary>
    public IEnumerable<(SemanticGroup Group, Tensor Content, Tensor Style)> At(long h, long w, long sh, long sw)
    {
        foreach (var (group, c, s) in _regions)
            yield return (group, Resize(c, h, w), Resize(s, sh, sw));
    }

    static Tensor Resize(Tensor mask, long h, long w) =>
        nn.functional.interpolate(mask, [h, w], mode: InterpolationMode.Area).reshape(h, w);

    static Tensor ToTensor(LabelMap map, string label, Device device) =>
        tensor(map.MaskOf(label), [1, 1, map.Height, map.Width]).to(device);

    public void Dispose()
    {
        foreach (var (_, c, s) in _regions) { c.Dispose(); s.Dispose(); }
        _regions.Clear();
    }
}
