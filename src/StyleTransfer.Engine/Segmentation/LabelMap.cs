namespace StyleTransfer.Engine.Segmentation;

/// <summary>A per-pixel semantic label image: <see cref="Labels"/>[y*Width+x] indexes <see cref="ColorLabelMasks.Palette"/>.</summary>
public sealed record LabelMap(string Source, int Width, int Height, byte[] Labels)
{
    /// <summary>Fraction of pixels carrying each palette label present in the map.</summary>
    public IReadOnlyDictionary<string, double> Fractions()
    {
        var counts = new long[ColorLabelMasks.Palette.Count];
        foreach (var l in Labels) counts[l]++;
        var result = new Dictionary<string, double>();
        for (int i = 0; i < counts.Length; i++)
            if (counts[i] > 0) result[ColorLabelMasks.Palette[i].Name] = (double)counts[i] / Labels.Length;
        return result;
    }

    /// <summary>Binary mask (row-major, 1 where the label is) for the named label.</summary>
    public float[] MaskOf(string label)
    {
        int index = ColorLabelMasks.IndexOf(label);
        var mask = new float[Labels.Length];
        for (int i = 0; i < Labels.Length; i++) mask[i] = Labels[i] == index ? 1f : 0f;
        return mask;
    }
}
