using StyleTransfer.Engine.Methods.Gatys;

namespace StyleTransfer.Contracts;

/// <summary>
/// A batch of items stylized with the same method options. Results are committed as
/// "<see cref="OutputPrefix"/>/<see cref="JobItemSpec.OutputName"/>" in the cluster's result store.
/// <see cref="Options"/> is an engine type: it travels with Orleans' System.Text.Json codec
/// (see <see cref="StyleTransferSerialization"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.JobSpec")]
public sealed record JobSpec(string JobId, string OutputPrefix, IReadOnlyList<JobItemSpec> Items, GatysOptions Options)
{
    /// <summary>The result store name of an item's output.</summary>
    public string OutputNameOf(JobItemSpec item)
    {
        var prefix = OutputPrefix.Trim('/');
        return prefix.Length == 0 ? item.OutputName : $"{prefix}/{item.OutputName}";
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first problem of the spec (ids, names, options).</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(JobId)) throw new ArgumentException("job id is empty");
        if (Items is null || Items.Count == 0) throw new ArgumentException($"job '{JobId}' has no items");
        var ids = new HashSet<string>();
        var names = new HashSet<string>();
        foreach (var item in Items)
        {
            if (string.IsNullOrWhiteSpace(item.ItemId)) throw new ArgumentException($"job '{JobId}' has an item without id");
            if (!ids.Add(item.ItemId)) throw new ArgumentException($"job '{JobId}' has two items with id '{item.ItemId}'");
            if (string.IsNullOrWhiteSpace(item.OutputName)) throw new ArgumentException($"item '{item.ItemId}' has no output name");
            if (!names.Add(item.OutputName)) throw new ArgumentException($"items of job '{JobId}' share the output name '{item.OutputName}'");
            if (item.Styles is null || item.Styles.Count == 0) throw new ArgumentException($"item '{item.ItemId}' has no style image");
            if ((item.ContentMaskPath is null) != (item.StyleMaskPath is null))
                throw new ArgumentException($"item '{item.ItemId}' needs both a content mask and a style mask, or neither");
        }
        Options.Validate();
    }
}
