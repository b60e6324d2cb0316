using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Losses.Terms;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace StyleTransfer.Engine.Methods.Strotss;

/// <summary>
/// STROTSS's sampling at one scale, shared by its loss terms. Per guidance region (the whole image without guidance):
/// the output positions inside it, and the style's hypercolumns (and their YUV colours) at positions drawn once. Each
/// evaluation draws new output positions per region, once, whichever term asks first; every term of that evaluation
/// sees the same samples. Hypercolumns: the RGB pixels (centred on 0, as the reference feeds images in [-0.5, 0.5])
/// then the backbone layers.
/// </summary>
public sealed class HypercolumnSampler : IDisposable
{
    sealed record Region(Tensor Positions, Tensor Style, Tensor StyleYuv);

    /// <summary>One region's samples of an evaluation: output and content hypercolumns at the same positions, and the style's.</summary>
    public sealed record Sample(Tensor Output, Tensor Content, Tensor Style, Tensor StyleYuv);

    readonly List<Tensor> _contentMaps;
    readonly List<Region> _regions;
    readonly int _samples;
    readonly long _height, _width;
    readonly Generator _rng;
    LossInput? _last;
    IReadOnlyList<Sample> _drawn = [];

    HypercolumnSampler(IReadOnlyList<string> layers, List<Tensor> contentMaps, List<Region> regions, int samples, long height, long width, Generator rng)
    {
        Layers = layers;
        _contentMaps = contentMaps;
        _regions = regions;
        _samples = samples;
        _height = height;
        _width = width;
        _rng = rng;
    }

    /// <summary>The backbone layers of the hypercolumns.</summary>
    public IReadOnlyList<string> Layers { get; }

    public int RegionCount => _regions.Count;

    /// <summary>Content and style features at this scale; <paramref name="rng"/> draws the style positions now and the output positions later.</summary>
    /// <returns>null when no guidance region has pixels at this size in both the content and the style.</returns>
    public static HypercolumnSampler Build(IBackbone backbone, IReadOnlyList<string> layers, Tensor content, Tensor style,
        StrotssGuidance? guidance, StrotssOptions options, Generator rng)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        long h = content.shape[2], w = content.shape[3];
        var contentMaps = Maps(content, backbone.Extract(content, layers), layers);
        var styleMaps = Maps(style, backbone.Extract(style, layers), layers);

        var regions = new List<Region>();
        var pairs = guidance is null || guidance.Regions.Count == 0
            ? [(null, null)]
            : guidance.Regions.Select(r => ((Tensor?)r.ContentMask, (Tensor?)r.StyleMask)).ToList();
        foreach (var (contentMask, styleMask) in pairs)
        {
            var positions = MaskPositions(contentMask, h, w);
            var stylePositions = MaskPositions(styleMask, style.shape[2], style.shape[3]);
            // A region too small to survive this scale's resizing sits this scale out.
            if (positions is null || stylePositions is null) continue;
            var drawn = Draw(stylePositions, options.StyleSamples, rng);
            var features = Hypercolumns.Sample(styleMaps, Hypercolumns.PixelGrid(drawn, style.shape[2], style.shape[3]).to(style.device));
            regions.Add(new Region(positions, features, Yuv.FromRgb(features[.., ..3])));
        }
        if (regions.Count == 0 && (guidance is null || guidance.Points.Count == 0))
            throw new InvalidOperationException($"no guidance region has pixels at {w}x{h} px in both the content and the style");

        foreach (var t in contentMaps) t.DetachFromDisposeScope();
        foreach (var r in regions) { r.Positions.DetachFromDisposeScope(); r.Style.DetachFromDisposeScope(); r.StyleYuv.DetachFromDisposeScope(); }
        return new HypercolumnSampler(layers, contentMaps, regions, options.Samples, h, w, rng);
    }

    /// <summary>The centred RGB image followed by its features at <paramref name="layers"/>, all [1,C,h,w].</summary>
    public static List<Tensor> Maps(Tensor image, IReadOnlyDictionary<string, Tensor> features, IReadOnlyList<string> layers) =>
        [image.sub(0.5), .. layers.Select(l => features[l])];

    /// <summary>This evaluation's samples, one per region (drawn on the first call for <paramref name="input"/>).</summary>
    public IReadOnlyList<Sample> For(LossInput input)
    {
        if (ReferenceEquals(input, _last)) return _drawn;
        var maps = Maps(input.Image, input.Features, Layers);
        var drawn = new List<Sample>(_regions.Count);
        foreach (var region in _regions)
        {
            var positions = Draw(region.Positions, _samples, _rng);
            var grid = Hypercolumns.PixelGrid(positions, _height, _width).to(input.Image.device);
            drawn.Add(new Sample(Hypercolumns.Sample(maps, grid), Hypercolumns.Sample(_contentMaps, grid), region.Style, region.StyleYuv));
        }
        (_last, _drawn) = (input, drawn);
        return drawn;
    }

    /// <summary>The mean over regions of <paramref name="loss"/> of each region's samples (zero without regions).</summary>
    public Tensor MeanOverRegions(LossInput input, Func<Sample, Tensor> loss)
    {
        var total = zeros(1, device: input.Image.device).sum();
        var samples = For(input);
        foreach (var s in samples) total = total + loss(s) / samples.Count;
        return total;
    }

    /// <summary>Flat indices of the pixels inside a mask resized to h×w; all pixels for no mask; null if none.</summary>
    static Tensor? MaskPositions(Tensor? mask, long h, long w)
    {
        if (mask is null) return arange(h * w, dtype: ScalarType.Int64);
        using var m = F.interpolate(mask.reshape(1, 1, mask.shape[0], mask.shape[1]), [h, w],
            mode: InterpolationMode.Bilinear, align_corners: false, antialias: mask.shape[0] > h || mask.shape[1] > w).flatten();
        // A thin region can fade below 0.5 when shrunk: then any coverage counts.
        using var inside = m.gt(0.5).any().ToBoolean() ? m.gt(0.5) : m.gt(0.05);
        var positions = inside.nonzero().flatten();
        if (positions.shape[0] > 0) return positions;
        positions.Dispose();
        return null;
    }

    /// <summary>Up to <paramref name="count"/> distinct entries of <paramref name="positions"/>, in random order.</summary>
    static Tensor Draw(Tensor positions, int count, Generator rng)
    {
        long n = positions.shape[0];
        using var order = randperm(n, generator: rng);
        using var chosen = n > count ? order[..count] : order.alias();
        return positions.index_select(0, chosen);
    }

    public void Dispose()
    {
        foreach (var t in _contentMaps) t.Dispose();
        foreach (var r in _regions) { r.Positions.Dispose(); r.Style.Dispose(); r.StyleYuv.Dispose(); }
    }
}
