using ScottPlot;
using StyleTransfer.Studies.Analysis;

namespace StyleTransfer.Studies.Report;

/// <summary>The report's plots, drawn with ScottPlot and saved as PNG.</summary>
public static class ReportPlots
{
    /// <summary>
    /// Whether SkiaSharp (under ScottPlot) finds any font. Without one, plots still render but carry no text;
    /// Debian's <c>fonts-dejavu-core</c> is enough.
    /// </summary>
    public static bool FontsAvailable => SkiaSharp.SKTypeface.Default.GlyphCount > 0;

    /// <summary>Bradley–Terry log-strengths of one question with their intervals; the reference sits at 0.</summary>
    public static void Scores(QuestionResult question, string reference, double confidence, string path)
    {
        var plot = new Plot();
        var scores = question.Scores;
        var xs = new List<double>();
        var ys = new List<double>();
        var below = new List<double>();
        var above = new List<double>();
        for (int i = 0; i < scores.Count; i++)
        {
            if (!double.IsFinite(scores[i].Score)) continue;
            xs.Add(i);
            ys.Add(scores[i].Score);
            below.Add(double.IsFinite(scores[i].Low) ? scores[i].Score - scores[i].Low : 0);
            above.Add(double.IsFinite(scores[i].High) ? scores[i].High - scores[i].Score : 0);
        }
        var zero = plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dashed);
        var bars = plot.Add.ErrorBar(xs, ys, below);
        bars.YErrorPositive = above;
        bars.LineWidth = 2;
        bars.CapSize = 8;
        bars.Color = Colors.Black;
        var markers = plot.Add.Markers(xs.ToArray(), ys.ToArray(), MarkerShape.FilledCircle, 10, Colors.C0);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, scores.Count).Select(i => (double)i).ToArray(),
            scores.Select(s => s.Condition).ToArray());
        plot.Axes.SetLimitsX(-0.6, scores.Count - 0.4);
        plot.Title($"Bradley–Terry scores: {question.Question}");
        plot.YLabel($"log-strength ({reference} = 0), {confidence:P0} interval");
        plot.HideGrid();
        plot.SavePng(path, Math.Max(480, 120 * scores.Count + 160), 420);
    }

    /// <summary>
    /// The win-rate matrix of one question: cell (row i, column j) is how often condition i was chosen over j, with
    /// the number of comparisons; blank where the pair was never compared.
    /// </summary>
    public static void WinRates(QuestionResult question, IReadOnlyList<string> conditions, string path)
    {
        int k = conditions.Count;
        var rates = new double[k, k];
        var counts = new int[k, k];
        for (int i = 0; i < k; i++)
        for (int j = 0; j < k; j++)
            rates[i, j] = double.NaN;
        foreach (var pair in question.Pairs)
        {
            int a = IndexOf(conditions, pair.A), b = IndexOf(conditions, pair.B);
            if (pair.Total == 0) continue;
            rates[a, b] = pair.Rate;
            rates[b, a] = 1 - pair.Rate;
            counts[a, b] = counts[b, a] = pair.Total;
        }
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(rates);
        heatmap.Colormap = new ScottPlot.Colormaps.Balance();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        heatmap.NaNCellColor = Colors.White;
        // Row 0 of the matrix is drawn at the top, at y = k - 1.
        for (int i = 0; i < k; i++)
        for (int j = 0; j < k; j++)
        {
            if (double.IsNaN(rates[i, j])) continue;
            var text = plot.Add.Text($"{rates[i, j]:0.00}\nn={counts[i, j]}", j, k - 1 - i);
            text.Alignment = Alignment.MiddleCenter;
            text.LabelFontSize = 14;
            text.LabelFontColor = Math.Abs(rates[i, j] - 0.5) > 0.3 ? Colors.White : Colors.Black;
        }
        var ticks = Enumerable.Range(0, k).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(ticks, conditions.ToArray());
        plot.Axes.Left.SetTicks(ticks, conditions.Reverse().ToArray());
        plot.Add.ColorBar(heatmap);
        plot.Axes.Margins(0, 0);
        plot.Title($"Win rate of row over column: {question.Question}");
        plot.XLabel("against");
        plot.HideGrid();
        int size = Math.Max(420, 110 * k + 200);
        plot.SavePng(path, size + 80, size);
    }

    static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (int i = 0; i < list.Count; i++) if (list[i] == value) return i;
        throw new ArgumentException($"unknown condition {value}");
    }
}
