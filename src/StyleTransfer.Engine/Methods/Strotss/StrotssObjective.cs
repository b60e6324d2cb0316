using StyleTransfer.Engine.Backbones;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace StyleTransfer.Engine.Methods.Strotss;

/// <summary>
/// The STROTSS loss at one scale. Per guidance region (the whole image without guidance), on output positions drawn
/// anew each call and style positions drawn once:
///   ℓ_style = ℓ_r (relaxed EMD, cosine cost, hypercolumns) + ℓ_m (moments) + ℓ_p / max(α,1) (relaxed EMD, Euclidean
///   cost, YUV colours) and ℓ_content (self-similarity against the content at the same positions);
/// the regions' (α·ℓ_content + ℓ_style) are averaged, the point term (mean cosine distance between the output at
/// content points and the style at style points, × point weight) is added, and the sum is divided by α + 1 (paper;
/// the reference divides by α + 2, the same objective up to a constant factor).
/// Hypercolumns: the RGB pixels (centred on 0, as the reference feeds images in [-0.5, 0.5]) then the backbone layers.
/// </summary>
sealed class StrotssObjective : IDisposable
{
    sealed record Region(Tensor Positions, Tensor Style, Tensor StyleYuv);

    readonly IBackbone _backbone;
    readonly IReadOnlyList<string> _layers;
    readonly List<Tensor> _contentMaps;
    readonly List<Region> _regions;
    readonly Tensor? _pointGrid;
    readonly Tensor? _pointStyle;
    readonly double _pointWeight;
    readonly double _alpha;
    readonly int _samples;
    readonly long _height, _width;

    StrotssObjective(IBackbone backbone, IReadOnlyList<string> layers, List<Tensor> contentMaps, List<Region> regions,
        Tensor? pointGrid, Tensor? pointStyle, double pointWeight, double alpha, int samples, long height, long width)
    {
        _backbone = backbone;
        _layers = layers;
        _contentMaps = contentMaps;
        _regions = regions;
        _pointGrid = pointGrid;
        _pointStyle = pointStyle;
        _pointWeight = pointWeight;
        _alpha = alpha;
        _samples = samples;
        _height = height;
        _width = width;
    }

    /// <summary>Features of the content and style at this scale; <paramref name="rng"/> draws the style positions.</summary>
    public static StrotssObjective Build(IBackbone backbone, IReadOnlyList<string> layers, Tensor content, Tensor style,
        StrotssGuidance? guidance, double alpha, StrotssOptions options, Generator rng)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        long h = content.shape[2], w = content.shape[3];
        var contentMaps = FeatureMaps(backbone, layers, content);
        var styleMaps = FeatureMaps(backbone, layers, style);

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

        Tensor? pointGrid = null, pointStyle = null;
        if (guidance is not null && guidance.Points.Count > 0)
        {
            pointGrid = Hypercolumns.PointGrid(guidance.Points.Select(p => (p.ContentX, p.ContentY)).ToList()).to(content.device);
            using var styleGrid = Hypercolumns.PointGrid(guidance.Points.Select(p => (p.StyleX, p.StyleY)).ToList()).to(style.device);
            pointStyle = Hypercolumns.Sample(styleMaps, styleGrid);
        }

        foreach (var t in contentMaps) t.DetachFromDisposeScope();
        foreach (var r in regions) { r.Positions.DetachFromDisposeScope(); r.Style.DetachFromDisposeScope(); r.StyleYuv.DetachFromDisposeScope(); }
        pointGrid?.DetachFromDisposeScope();
        pointStyle?.DetachFromDisposeScope();
        return new StrotssObjective(backbone, layers, contentMaps, regions, pointGrid, pointStyle,
            guidance?.PointWeight ?? 0, alpha, options.Samples, h, w);
    }

    /// <summary>The loss of <paramref name="image"/> ([1,3,H,W] at this scale's size), differentiable.</summary>
    public Tensor Compute(Tensor image, Generator rng)
    {
        using var scope = NewDisposeScope();
        var maps = FeatureMaps(_backbone, _layers, image);
        var total = zeros(1, device: image.device).sum();
        foreach (var region in _regions)
        {
            var drawn = Draw(region.Positions, _samples, rng);
            var grid = Hypercolumns.PixelGrid(drawn, _height, _width).to(image.device);
            var x = Hypercolumns.Sample(maps, grid);
            var c = Hypercolumns.Sample(_contentMaps, grid);

            var content = SelfSimilarity.Loss(x, c);
            var remd = RelaxedEmd.Cosine(x, region.Style);
            var moments = MomentMatching.Loss(x, region.Style);
            var palette = RelaxedEmd.Euclidean(Yuv.FromRgb(x[.., ..3]), region.StyleYuv);
            var style = remd + moments + palette / Math.Max(_alpha, 1.0);
            total = total + (content * _alpha + style) / _regions.Count;
        }
        if (_pointGrid is not null && _pointStyle is not null && _pointWeight > 0)
        {
            var x = Hypercolumns.Sample(maps, _pointGrid);
            var distance = F.cosine_similarity(x, _pointStyle, dim: 1).neg().add(1).mean();
            total = total + distance * _pointWeight;
        }
        return total.div(_alpha + 1).MoveToOuterDisposeScope();
    }

    /// <summary>The centred RGB image followed by the backbone's layers, all [1,C,h,w].</summary>
    static List<Tensor> FeatureMaps(IBackbone backbone, IReadOnlyList<string> layers, Tensor image)
    {
        var features = backbone.Extract(image, layers);
        return [image.sub(0.5), .. layers.Select(l => features[l])];
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
        _pointGrid?.Dispose();
        _pointStyle?.Dispose();
    }
}
