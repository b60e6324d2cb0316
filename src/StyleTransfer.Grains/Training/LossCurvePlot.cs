using ScottPlot;

namespace StyleTransfer.Grains.Training;

/// <summary>A training run's loss curve as a PNG: every step's batch loss, and its moving average (batches are noisy).</summary>
public static class LossCurvePlot
{
    public static byte[] Render(IReadOnlyList<double> losses, string title)
    {
        var plot = new Plot();
        if (losses.Count > 0)
        {
            var steps = Enumerable.Range(1, losses.Count).Select(i => (double)i).ToArray();
            var raw = plot.Add.ScatterLine(steps, losses.ToArray());
            raw.LegendText = "batch loss";
            int window = losses.Count / 50;
            if (window > 1)
            {
                raw.Color = Colors.LightGray;
                var smooth = plot.Add.ScatterLine(steps, MovingAverage(losses, window));
                smooth.LegendText = $"mean of {window} steps";
                smooth.LineWidth = 2;
            }
            plot.ShowLegend(Alignment.UpperRight);
        }
        plot.Title(title);
        plot.XLabel("step");
        plot.YLabel("loss");
        return plot.GetImageBytes(800, 450, ImageFormat.Png);
    }

    static double[] MovingAverage(IReadOnlyList<double> values, int window)
    {
        var result = new double[values.Count];
        double sum = 0;
        for (int i = 0; i < values.Count; i++)
        {
            sum += values[i];
            if (i >= window) sum -= values[i - window];
            result[i] = sum / Math.Min(i + 1, window);
        }
        return result;
    }
}
