using StyleTransfer.Contracts;

namespace StyleTransfer.Grains;

/// <summary>Analyzes a mask pair once and serves the cached result until one of its files changes.</summary>
public sealed class SegmentationGrain : Grain, ISegmentationGrain
{
    SegmentationResult? _result;
    string? _fingerprint;

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
