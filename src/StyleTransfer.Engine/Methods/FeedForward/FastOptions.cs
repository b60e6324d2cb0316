namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>Settings of method "fast": the per-style model file (<c>styletransfer train</c>). Immutable.</summary>
public sealed record FastOptions
{
    /// <summary>The model trained for the item's style image.</summary>
    public string? ModelPath { get; init; }

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelPath))
            throw new ArgumentException("method fast needs a model trained for the style (--model; train one with 'styletransfer train')");
    }
}
