using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Methods.Gatys;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods;

/// <summary>
/// What a method runs on, prepared by the engine: the request, the backbone on the chosen device, the content and
/// style images loaded at the request's size, where cached style features come from, progress, snapshots and
/// cancellation.
/// </summary>
public sealed record MethodRun(
    StylizeRequest Request,
    IBackbone Backbone,
    Tensor Content,
    IReadOnlyList<(Tensor Image, double Weight)> Styles,
    StyleFeatureSource? CachedStyleFeatures,
    IProgress<StylizeProgress>? Progress,
    Action<int, Tensor>? Snapshot,
    CancellationToken CancellationToken)
{
    public StylizeOptions Options => Request.Options;

    /// <summary>The engine's feed-forward models, loaded once and shared by its items.</summary>
    public FeedForward.FeedForwardModels Models { get; init; } = new();
}
