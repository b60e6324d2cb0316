using System.Collections.Concurrent;
using System.Diagnostics;
using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Imaging;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Engine.Methods.Strotss;
using StyleTransfer.Engine.Segmentation;
using static TorchSharp.torch;

namespace StyleTransfer.Engine;

/// <summary>One style image and its blend weight (weights are normalized over the request); its SHA-256 when the caller has it.</summary>
public sealed record StyleInput(string Path, double Weight = 1.0, string? Sha256 = null);

/// <summary>
/// What to stylize: a content image file, one or more style image files, and the options (method by name, shared
/// settings, per-method settings). Optional masks need a single style image; what they mean is the method's
/// (<see cref="IStyleMethod.Masks"/>). <see cref="Segmentation"/> passes label maps computed earlier (e.g.
/// automatic groups cached by the cluster); <see cref="GuidancePoints"/> are STROTSS point-to-point pairs.
/// </summary>
public sealed record StylizeRequest(string ContentPath, IReadOnlyList<StyleInput> Styles, StylizeOptions Options,
    string? ContentMaskPath = null, string? StyleMaskPath = null)
{
    public LabelMapPair? Segmentation { get; init; }

    public IReadOnlyList<StrotssPointPair>? GuidancePoints { get; init; }

    public RequestShape Shape => new(Styles.Count, ContentMaskPath is not null || StyleMaskPath is not null, GuidancePoints?.Count ?? 0);
}

/// <summary>Progress of one stylization: iteration counts over all scales.</summary>
public sealed record StylizeProgress(int Iteration, int TotalIterations, int Scale, int Scales, double Loss);

/// <summary>An encoded PNG and what produced it.</summary>
public sealed record StylizeResult(byte[] Png, int Width, int Height, double FinalLoss, TimeSpan Elapsed, string Device, int Iterations);

/// <summary>Runs one stylization end to end: read and validate inputs, optimize, encode PNG.</summary>
public interface IStylizationEngine
{
    /// <summary>The device this engine runs on, in words (e.g. "cpu (2 threads)").</summary>
    string DeviceDescription { get; }

    /// <exception cref="InvalidInputException">an input file is missing, unreadable, corrupt or unsupported.</exception>
    /// <exception cref="ArgumentException">an option is absurd.</exception>
    StylizeResult Stylize(StylizeRequest request, IProgress<StylizeProgress>? progress = null,
        Action<int, byte[]>? snapshot = null, CancellationToken cancellationToken = default);

    /// <summary>Automatic semantic groups of a content/style pair (co-segmentation on backbone features), at the
    /// size and on the device <see cref="Stylize"/> would load them with the same options.</summary>
    LabelMapPair SegmentAutomatically(string contentPath, string stylePath, StylizeOptions options);
}

/// <summary>
/// The engine's entry point: validates a request with its method (<see cref="MethodRegistry"/>), loads the images on
/// the selected device, runs the method and encodes the PNG. Backbones are loaded once per (name, weights, device)
/// and shared, and so are style images and (for gatys) their features, in a bounded cache
/// (<see cref="StyleCacheStatistics"/>); thread-safe.
/// </summary>
public sealed class StylizationEngine : IStylizationEngine, IDisposable
{
    readonly ConcurrentDictionary<(string, string?, string), Lazy<IBackbone>> _backbones = new();
    readonly string _devicePreference;
    readonly StyleFeatureCache _styleCache;
    readonly Methods.FeedForward.FeedForwardModels _models = new();
    readonly int? _cpuThreads;

    /// <param name="device">"auto" (CUDA when present), "cpu", "cuda" or "cuda:N"; a request's own device option wins.</param>
    /// <param name="styleCache">bounds of the style cache; null for the defaults.</param>
    /// <param name="cpuThreads">threads of torch's CPU kernels for this engine's work; null = torch's default (one per core).</param>
    public StylizationEngine(string device = "auto", StyleCacheOptions? styleCache = null, int? cpuThreads = null)
    {
        if (cpuThreads is < 1) throw new ArgumentOutOfRangeException(nameof(cpuThreads), cpuThreads, "must be at least 1");
        _cpuThreads = cpuThreads;
        _devicePreference = device;
        DeviceDescription = TorchDevices.Describe(TorchDevices.Select(device), cpuThreads);
        _styleCache = new StyleFeatureCache(styleCache);
    }

    public string DeviceDescription { get; }

    // libtorch's OpenMP thread count is a per-thread setting: it must be set on the thread that runs the work, not
    // once at start-up, or each new worker thread uses one thread per core again.
    void ApplyThreadLimit()
    {
        if (_cpuThreads is int threads && get_num_threads() != threads) set_num_threads(threads);
    }

    /// <summary>Hits, misses and evictions of the style cache so far, and its size now.</summary>
    public StyleCacheStatistics StyleCacheStatistics => _styleCache.Statistics;

    public IBackbone GetBackbone(string name, string? weightsPath, Device device) =>
        _backbones.GetOrAdd(BackboneKey(name, weightsPath, device),
            _ => new Lazy<IBackbone>(() => BackboneFactory.Create(name, weightsPath, device))).Value;

    static (string Name, string? Weights, string Device) BackboneKey(string name, string? weightsPath, Device device) =>
        (name.ToLowerInvariant(), weightsPath, device.ToString());

    /// <summary>The device a request runs on: its own device option, else (auto) this engine's. The one place that decides it.</summary>
    Device DeviceFor(SharedOptions options) => TorchDevices.Select(options.Device == "auto" ? _devicePreference : options.Device);

    public StylizeResult Stylize(StylizeRequest request, IProgress<StylizeProgress>? progress = null,
        Action<int, byte[]>? snapshot = null, CancellationToken cancellationToken = default)
    {
        var options = request.Options;
        var method = MethodRegistry.Get(options.Method);
        Validate(request);
        method.Validate(options, request.Shape);
        ApplyThreadLimit();
        var stopwatch = Stopwatch.StartNew();
        var shared = options.Shared;
        var device = DeviceFor(shared);
        var backbone = GetBackbone(shared.Backbone, shared.WeightsPath, device);

        using var scope = NewDisposeScope();
        using var cached = _styleCache.Open();
        var content = ImageIO.LoadTensor(request.ContentPath, shared.MaxSize, device);
        var loaded = request.Styles.Select(s => cached.Image(s.Path, shared.MaxSize, device, s.Sha256)).ToList();
        var styles = loaded.Select((s, i) => (s.Image, request.Styles[i].Weight)).ToList();
        StyleFeatureSource features = (i, factor, layers, compute) =>
            cached.Features(loaded[i].Key, BackboneKey(shared.Backbone, shared.WeightsPath, device), layers, factor, compute);

        double finalLoss = double.NaN;
        var trackingProgress = new SyncProgress(p => { finalLoss = p.Loss; progress?.Report(p); });
        Action<int, Tensor>? encodeSnapshot = snapshot is null ? null : (i, img) => snapshot(i, ImageIO.EncodePng(img));
        var result = method.Run(new MethodRun(request, backbone, content, styles, features, trackingProgress, encodeSnapshot, cancellationToken)
        {
            Models = _models,
        });
        var png = ImageIO.EncodePng(result);
        return new StylizeResult(png, (int)result.shape[3], (int)result.shape[2], finalLoss, stopwatch.Elapsed,
            TorchDevices.Describe(device), method.Iterations(options));
    }

    public LabelMapPair SegmentAutomatically(string contentPath, string stylePath, StylizeOptions options)
    {
        MethodRegistry.Get(options.Method).Validate(options);
        ApplyThreadLimit();
        var shared = options.Shared;
        var device = DeviceFor(shared);
        var backbone = GetBackbone(shared.Backbone, shared.WeightsPath, device);
        using var scope = NewDisposeScope();
        using var cached = _styleCache.Open();
        var content = ImageIO.LoadTensor(contentPath, shared.MaxSize, device);
        var style = cached.Image(stylePath, shared.MaxSize, device).Image;
        var (c, s) = AutoCoSegmentation.Segment(backbone, content, style, options.Photo.Segmentation);
        return new LabelMapPair(c, s);
    }

    /// <summary>What no method can take: no style, absurd weights, half a mask pair.</summary>
    static void Validate(StylizeRequest request)
    {
        if (request.Styles.Count == 0) throw new ArgumentException("no style image given");
        foreach (var s in request.Styles)
            if (!double.IsFinite(s.Weight) || s.Weight <= 0)
                throw new ArgumentException($"style weight {s.Weight} for {s.Path} must be finite and > 0");
        if ((request.ContentMaskPath is null) != (request.StyleMaskPath is null))
            throw new ArgumentException("semantic masks come in pairs: give both a content mask and a style mask");
    }

    public void Dispose()
    {
        foreach (var b in _backbones.Values.Where(b => b.IsValueCreated)) b.Value.Dispose();
        _backbones.Clear();
        _styleCache.Dispose();
    }

}
