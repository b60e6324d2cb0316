using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace StyleTransfer.Engine.Methods.Strotss;

/// <summary>
/// Hypercolumns: the feature vectors of several maps of different resolutions at the same image positions, sampled
/// bilinearly and concatenated (channels of the first map first). Positions are grid_sample coordinates in [-1,1]
/// over the image extent (align_corners false), so a position means the same place in every map whatever its stride.
/// </summary>
public static class Hypercolumns
{
    /// <param name="maps">[1,C_k,h_k,w_k] each.</param>
    /// <param name="grid">[n,2] (x, y) in [-1,1].</param>
    /// <returns>[n, Σ C_k].</returns>
    public static Tensor Sample(IReadOnlyList<Tensor> maps, Tensor grid)
    {
        using var scope = NewDisposeScope();
        var g = grid.reshape(1, 1, -1, 2);
        var columns = maps.Select(m =>
            F.grid_sample(m, g.to(m.dtype), mode: GridSampleMode.Bilinear, padding_mode: GridSamplePaddingMode.Border, align_corners: false)
                .reshape(m.shape[1], -1)).ToList();
        return cat(columns, 0).t().contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Grid coordinates of pixel centres given as flat indices (row·width + column) into an H×W image.</summary>
    public static Tensor PixelGrid(Tensor flatIndices, long height, long width)
    {
        using var scope = NewDisposeScope();
        var rows = flatIndices.div(width, rounding_mode: RoundingMode.floor).to_type(ScalarType.Float32);
        var cols = flatIndices.remainder(width).to_type(ScalarType.Float32);
        var x = cols.mul(2).add(1).div(width).sub(1);
        var y = rows.mul(2).add(1).div(height).sub(1);
        return stack([x, y], 1).MoveToOuterDisposeScope();
    }

    /// <summary>Grid coordinates of points given as (x, y) fractions of the image extent in [0,1].</summary>
    public static Tensor PointGrid(IReadOnlyList<(double X, double Y)> points)
    {
        var values = new float[points.Count * 2];
        for (int i = 0; i < points.Count; i++)
        {
            values[2 * i] = (float)(2 * points[i].X - 1);
            values[2 * i + 1] = (float)(2 * points[i].Y - 1);
        }
        return tensor(values, [points.Count, 2]);
    }
}
