using StyleTransfer.Contracts;
using StyleTransfer.Engine;

namespace StyleTransfer.Grains;

/// <summary>Analyzes a mask pair, or co-segments an image pair, once and serves the cached result.</summary>
public sealed class SegmentationGrain(IStylizationEngine engine) : Grain, ISegmentationGrain
{
    SegmentationResult? _result;
    string? _fingerprint;
    LabelMapPair? _automatic;

    public async Task<LabelMapPair> SegmentAutomaticallyAsync(AutoSegmentationRequest request) =>
        _automatic ??= await Task.Factory.StartNew(
            () => engine.SegmentAutomatically(request.ContentPath, request.StylePath, request.Options),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public async Task<SegmentationResult> AnalyzeAsync(SegmentationRequest request)
    {
        var fingerprint = Fingerprint(request);
        if (_result is not null && fingerprint == _fingerprint) return _result;
        _result = await Task.Run(() => MaskAnalysis.Analyze(request));
        _fingerprint = fingerprint;
        return _result;
    }

    static string Fingerprint(SegmentationRequest request) => string.Join('|',
        new[] { request.ContentPath, request.ContentMaskPath, request.StylePath, request.StyleMaskPath }.Select(path =>
        {
            var file = new FileInfo(path);
            return file.Exists ? $"{file.Length}:{file.LastWriteTimeUtc.Ticks}" : "missing";
        }));
}
