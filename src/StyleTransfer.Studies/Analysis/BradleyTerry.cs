namespace StyleTransfer.Studies.Analysis;

/// <summary>
/// Bradley–Terry model: P(i beats j) = γᵢ / (γᵢ + γⱼ). Maximum likelihood by the MM algorithm of Hunter (2004,
/// "MM algorithms for generalized Bradley–Terry models", eq. 3): γᵢ ← Wᵢ / Σⱼ nᵢⱼ / (γᵢ + γⱼ). Scores are
/// returned as log-strengths βᵢ = ln γᵢ with the reference's fixed at 0, so βᵢ − βⱼ is the log-odds of i beating j.
/// Pairs never compared simply contribute nothing; conditions not connected to the reference by comparisons get NaN.
/// </summary>
public static class BradleyTerry
{
    /// <summary>
    /// Fits the model to <paramref name="wins"/> (wins[i, j] = times i was chosen over j). The maximum likelihood
    /// estimate exists only when, within the reference's component, every condition beats and is beaten along some
    /// path (Hunter's Assumption 1, from Ford 1957); when it does not, each compared pair gets
    /// <paramref name="prior"/> extra wins each way (a common shrinkage) and <see cref="Fit.Regularized"/> says so.
    /// </summary>
    public static Fit Estimate(double[,] wins, int reference, double prior = 0.5, double tolerance = 1e-10, int maxIterations = 100_000)
    {
        int k = wins.GetLength(0);
        if (wins.GetLength(1) != k) throw new ArgumentException("the wins matrix must be square", nameof(wins));
        if (reference < 0 || reference >= k) throw new ArgumentOutOfRangeException(nameof(reference));
        var component = Component(wins, reference);
        bool regularized = !StronglyConnected(wins, component);
        var w = (double[,])wins.Clone();
        if (regularized)
            for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
                if (i != j && component[i] && component[j] && wins[i, j] + wins[j, i] > 0) w[i, j] += prior;

        var gamma = new double[k];
        var total = new double[k];
        for (int i = 0; i < k; i++)
        {
            gamma[i] = component[i] ? 1 : double.NaN;
            for (int j = 0; j < k; j++) if (component[i] && component[j]) total[i] += w[i, j];
        }
        int iterations = 0;
        for (; iterations < maxIterations; iterations++)
        {
            double change = 0;
            for (int i = 0; i < k; i++)
            {
                if (!component[i]) continue;
                double denominator = 0;
                for (int j = 0; j < k; j++)
                    if (j != i && component[j]) denominator += (w[i, j] + w[j, i]) / (gamma[i] + gamma[j]);
                if (denominator == 0) continue;
                double next = total[i] / denominator;
                change = Math.Max(change, Math.Abs(Math.Log(next / gamma[i])));
                gamma[i] = next;
            }
            double scale = gamma[reference];
            for (int i = 0; i < k; i++) if (component[i]) gamma[i] /= scale;
            if (change < tolerance) break;
        }
        var scores = gamma.Select(g => double.IsNaN(g) ? double.NaN : Math.Log(g)).ToArray();
        return new Fit(scores, regularized, iterations);
    }

    /// <summary>Log-strengths (reference 0; NaN when not connected), whether the prior was needed, MM iterations.</summary>
    public sealed record Fit(double[] Scores, bool Regularized, int Iterations);

    static bool[] Component(double[,] wins, int start)
    {
        int k = wins.GetLength(0);
        var seen = new bool[k];
        var stack = new Stack<int>([start]);
        seen[start] = true;
        while (stack.Count > 0)
        {
            int i = stack.Pop();
            for (int j = 0; j < k; j++)
                if (!seen[j] && wins[i, j] + wins[j, i] > 0)
                {
                    seen[j] = true;
                    stack.Push(j);
                }
        }
        return seen;
    }

    /// <summary>Every condition of the component reaches every other along "beat" edges (i → j when i beat j).</summary>
    static bool StronglyConnected(double[,] wins, bool[] component)
    {
        int k = wins.GetLength(0);
        int first = Array.IndexOf(component, true);
        bool Reaches(bool forward)
        {
            var seen = new bool[k];
            var stack = new Stack<int>([first]);
            seen[first] = true;
            while (stack.Count > 0)
            {
                int i = stack.Pop();
                for (int j = 0; j < k; j++)
                    if (component[j] && !seen[j] && (forward ? wins[i, j] : wins[j, i]) > 0)
                    {
                        seen[j] = true;
                        stack.Push(j);
                    }
            }
            return Enumerable.Range(0, k).All(i => !component[i] || seen[i]);
        }
        return Reaches(true) && Reaches(false);
    }
}
