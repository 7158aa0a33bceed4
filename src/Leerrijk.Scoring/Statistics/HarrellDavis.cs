namespace Leerrijk.Scoring.Statistics;

/// <summary>
/// The Harrell–Davis quantile estimator (Biometrika 69(3), 1982): a weighted mean of all order statistics, with the
/// weights of a Beta(p(n+1), (1−p)(n+1)) distribution over the n equal slices of [0, 1]. Every value pulls a little,
/// so unlike the usual sample quantile the estimate is (almost) never one observation's own value, which is why the
/// norm bands use it.
/// </summary>
public static class HarrellDavis
{
    /// <summary>The estimate of the <paramref name="p"/>-quantile of <paramref name="values"/> (in any order).</summary>
    /// <exception cref="ArgumentException">No values, or a value that is NaN or infinite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">p is not strictly between 0 and 1.</exception>
    public static double Quantile(IReadOnlyCollection<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (double.IsNaN(p) || p <= 0 || p >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability strictly between 0 and 1 is needed.");
        }

        if (values.Count == 0)
        {
            throw new ArgumentException("At least one value is needed.", nameof(values));
        }

        if (values.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("Every value must be a finite number.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        var a = p * (n + 1);
        var b = (1 - p) * (n + 1);
        var logN = Math.Log(n);

        // W_i = I_{i/n}(a, b) − I_{(i−1)/n}(a, b); the weights sum to exactly 1 by construction (telescoping).
        var estimate = 0.0;
        var previous = 0.0;
        for (var i = 1; i <= n; i++)
        {
            var current = i == n ? 1.0 : SpecialFunctions.RegularizedIncompleteBeta(
                a, b, (double)i / n, (double)(n - i) / n, Math.Log(i) - logN, Math.Log(n - i) - logN);
            estimate += (current - previous) * sorted[i - 1];
            previous = current;
        }

        // A weighted mean of equal values is that value; keep rounding error from moving it off.
        return Math.Clamp(estimate, sorted[0], sorted[^1]);
    }
}
