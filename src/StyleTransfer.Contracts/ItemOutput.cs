namespace StyleTransfer.Contracts;

/// <summary>
/// How a node shapes a dataset item: the content image is first resized so that its shorter side is
/// <see cref="ContentSize"/> px (0 keeps its size) and, with <see cref="CenterCrop"/>, cut to the centred square; the
/// method then works at that image's own size, and the result is encoded as <see cref="Format"/> ("png" or "jpg",
/// JPEG at <see cref="Quality"/>). Items without it keep the job's size option and PNG.
/// </summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.ItemOutput")]
public sealed record ItemOutput(string Format = ItemOutput.Png, int Quality = ItemOutput.DefaultQuality, int ContentSize = 0, bool CenterCrop = false)
{
    public const string Png = "png";
    public const string Jpg = "jpg";
    public const int DefaultQuality = 90;

    /// <summary>The extension output names of this format end in (".png" or ".jpg").</summary>
    public string Extension => "." + Format;

    /// <summary>Whether <paramref name="outputName"/> ends in an extension of this format (.jpeg counts as jpg).</summary>
    public bool Names(string outputName)
    {
        var ext = Path.GetExtension(outputName).ToLowerInvariant();
        return ext == Extension || (Format == Jpg && ext == ".jpeg");
    }

    /// <summary>What is wrong with these settings, or null.</summary>
    public string? Problem() =>
        Format is not (Png or Jpg) ? $"format '{Format}' is not png or jpg"
        : Quality is < 1 or > 100 ? $"quality {Quality} is out of range (1..100)"
        : ContentSize is < 0 or > 8192 ? $"content size {ContentSize} is out of range (0 keeps the size, else 16..8192 px)"
        : ContentSize is > 0 and < 16 ? $"content size {ContentSize} is out of range (0 keeps the size, else 16..8192 px)"
        : null;
}
