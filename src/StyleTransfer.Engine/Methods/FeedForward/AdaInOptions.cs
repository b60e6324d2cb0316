namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>Settings of method "adain": the decoder file (<c>styletransfer train --decoder</c>) and the content/style strength. Immutable.</summary>
public sealed record AdaInOptions
{
    public string? ModelPath { get; init; }

    /// <summary>Blend of the content's features (0) and the AdaIN target (1) before decoding (Huang and Belongie's α).</summary>
    public double Alpha { get; init; } = 1.0;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelPath))
            throw new ArgumentException("method adain needs a decoder (--model; train one with 'styletransfer train --decoder')");
        if (!double.IsFinite(Alpha) || Alpha is < 0 or > 1) throw new ArgumentException($"alpha {Alpha} is out of range [0, 1]");
    }
}
