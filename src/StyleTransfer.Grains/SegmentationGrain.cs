using StyleTransfer.Contracts;
using StyleTransfer.Engine;
using StyleTransfer.Engine.Segmentation;

namespace StyleTransfer.Grains;

/// <summary>Analyzes a mask pair, or co-segments an image pair, once and serves the cached result.</summary>
public sealed class SegmentationGrain(IStylizationEngine engine) : Grain, ISegmentationGrain
{
    SegmentationResult? _result;
    string? _fingerprint;
    SegmentationMaps? _automatic;

    public async Task<SegmentationMaps> SegmentAutomaticallyAsync(AutoSegmentationRequest request) =>
        _automatic ??= await EngineThreads.Run(
            () => MethodSpecMapping.ToSpec(engine.SegmentAutomatically(request.ContentPath, request.StylePath, MethodSpecMapping.ForNode(request.Options))));

    public async Task<SegmentationResult> AnalyzeAsync(SegmentationRequest request)
    {
        var fingerprint = Fingerprint(request);
        if (_result is not null && fingerprint == _fingerprint) return _result;
        _result = await Task.Run(() => Analyze(request));
        _fingerprint = fingerprint;
        return _result;
    }

    static SegmentationResult Analyze(SegmentationRequest request)
    {
        try
        {
            var groups = MaskPairs.Analyze(request.ContentPath, request.ContentMaskPath, request.StylePath, request.StyleMaskPath);
            return new SegmentationResult(groups.Select(MethodSpecMapping.ToSpec).ToList(), null);
        }
        catch (Exception e)
        {
            return new SegmentationResult([], FailureReasons.Describe(e));
        }
    }

    static string Fingerprint(SegmentationRequest request) => string.Join('|',
        new[] { request.ContentPath, request.ContentMaskPath, request.StylePath, request.StyleMaskPath }.Select(path =>
        {
            var file = new FileInfo(path);
            return file.Exists ? $"{file.Length}:{file.LastWriteTimeUtc.Ticks}" : "missing";
        }));
}
