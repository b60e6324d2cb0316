using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using StyleTransfer.Contracts;
using StyleTransfer.Engine;
using StyleTransfer.Engine.Methods;

namespace StyleTransfer.Grains;

/// <summary>
/// What produced a result, recorded as its metadata. <see cref="Json"/> ("params") lists the method, the options
/// and every input file with its path and SHA-256. <see cref="Hash"/> ("params-hash") is the SHA-256 of the same
/// document without paths, so moving or renaming inputs does not force a recompute but changing a pixel or an option
/// does. The options are those that change the image, in one flat object (<see cref="IStyleMethod.OutputSettings"/>):
/// the shared settings and the chosen method's; other methods' settings, the device and the snapshot interval are not.
/// </summary>
public sealed record ResultParameters(string Json, string Hash)
{
    public static class Keys
    {
        public const string Method = "method";
        public const string Params = "params";
        public const string ParamsHash = "params-hash";
        public const string JobId = "job-id";
        public const string ItemId = "item-id";
        public const string Device = "device";
        public const string Iterations = "iterations";
        public const string FinalLoss = "final-loss";
        public const string ElapsedSeconds = "elapsed-seconds";
        public const string Size = "size";
        public const string MaskOffPalette = "mask-off-palette";
    }

    static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    sealed record Input(string? Path, string Sha256, double? Weight = null);

    sealed record Document(string Method, JsonObject Options, Input Content, IReadOnlyList<Input> Styles, Input? ContentMask, Input? StyleMask,
        IReadOnlyList<GuidancePoint>? GuidancePoints, ItemOutput? Output);

    /// <summary>The parameters of <paramref name="item"/> run with <paramref name="options"/>, from its input hashes.</summary>
    public static ResultParameters Compute(JobItemSpec item, StylizeOptions options, ItemHashes hashes)
    {
        var method = MethodRegistry.Get(options.Method);
        var document = new Document(
            method.Name,
            Flatten(method.OutputSettings(options)),
            new Input(item.ContentPath, hashes.Content),
            item.Styles.Select((s, i) => new Input(s.Path, hashes.Styles[i], s.Weight)).ToList(),
            item.ContentMaskPath is { } cm ? new Input(cm, hashes.ContentMask!) : null,
            item.StyleMaskPath is { } sm ? new Input(sm, hashes.StyleMask!) : null,
            item.GuidancePoints,
            item.Output);
        static Input? WithoutPath(Input? input) => input is null ? null : input with { Path = null };
        var pathless = document with
        {
            Content = WithoutPath(document.Content)!,
            Styles = document.Styles.Select(s => WithoutPath(s)!).ToList(),
            ContentMask = WithoutPath(document.ContentMask),
            StyleMask = WithoutPath(document.StyleMask),
        };
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(pathless, JsonOptions))));
        return new ResultParameters(JsonSerializer.Serialize(document, JsonOptions), hash);
    }

    /// <summary>
    /// The records' properties in one object. Where two records share a name, the later one's value is kept: the method's
    /// own record comes last and holds the setting it reads (photo's scales, not the gatys scales it leaves at their default).
    /// </summary>
    static JsonObject Flatten(IReadOnlyList<object> records)
    {
        var flat = new JsonObject();
        foreach (var record in records)
            foreach (var (name, value) in JsonSerializer.SerializeToNode(record, record.GetType(), JsonOptions)!.AsObject().ToList())
                flat[name] = value?.DeepClone();
        return flat;
    }

    public Dictionary<string, string> Metadata(WorkItem work, StylizeOptions options, StylizeResult result)
    {
        var metadata = BaseMetadata(work, MethodRegistry.Get(options.Method).Name, result);
        if (MaskOffPalette(work, options) is string offPalette) metadata[Keys.MaskOffPalette] = offPalette;
        return metadata;
    }

    /// <summary>
    /// For colour-label masks (gatys, photo): what happened to their pixels that are no label colour, e.g.
    /// "content 9.4%, style 0.0% of pixels off-palette, snapped to the nearest label".
    /// </summary>
    static string? MaskOffPalette(WorkItem work, StylizeOptions options)
    {
        if (MethodRegistry.Get(options.Method).Masks != MaskMeaning.ColorLabels || work.Item.ContentMaskPath is not string contentMask
            || work.Item.StyleMaskPath is not string styleMask) return null;
        var c = Engine.Segmentation.ColorLabelMasks.OffPaletteFraction(contentMask);
        var s = Engine.Segmentation.ColorLabelMasks.OffPaletteFraction(styleMask);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"content {100 * c:0.0}%, style {100 * s:0.0}% of pixels off-palette, snapped to the nearest label");
    }

    Dictionary<string, string> BaseMetadata(WorkItem work, string method, StylizeResult result) => new()
    {
        [Keys.Method] = method,
        [Keys.Params] = Json,
        [Keys.ParamsHash] = Hash,
        [Keys.JobId] = work.JobId,
        [Keys.ItemId] = work.Item.ItemId,
        [Keys.Device] = result.Device,
        [Keys.Iterations] = result.Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [Keys.FinalLoss] = result.FinalLoss.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        [Keys.ElapsedSeconds] = result.Elapsed.TotalSeconds.ToString("F3", System.Globalization.CultureInfo.InvariantCulture),
        [Keys.Size] = $"{result.Width}x{result.Height}",
    };
}
