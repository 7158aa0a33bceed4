namespace Leerrijk.Scoring.Statistics;

/// <summary>How the confidence interval of a <see cref="Change"/> is computed.</summary>
public enum ChangeInterval
{
    /// <summary>Δ ± z₀.₉₇₅·SE with z₀.₉₇₅ = 1.95996… (the research brief's "1.96").</summary>
    Normal,

    /// <summary>Δ ± t(0.975, ν)·SE with the Welch–Satterthwaite ν; wider, and more honest, for small groups.</summary>
    WelchT,
}

/// <summary>
/// The difference between two independent means (rounds or groups) on 0–100: Δ = mean₂ − mean₁ with standard error
/// SE = √(s₁²/n₁ + s₂²/n₂) (Welch: no equal-variance assumption) and a 95% confidence interval.
/// </summary>
/// <remarks>
/// The groups are treated as independent samples: surveys are anonymous, so one person's answers in two rounds
/// cannot be paired.
/// </remarks>
/// <param name="Delta">mean₂ − mean₁.</param>
/// <param name="StandardError">√(s₁²/n₁ + s₂²/n₂); null when a group has fewer than 2 scores.</param>
/// <param name="CiLow">Lower end of the 95% interval; null when the standard error is.</param>
/// <param name="CiHigh">Upper end of the 95% interval; null when the standard error is.</param>
/// <param name="DegreesOfFreedom">Welch–Satterthwaite ν for <see cref="ChangeInterval.WelchT"/>; null for Normal or when SE = 0.</param>
/// <param name="Interval">The method used.</param>
public sealed record Change(
    double Delta,
    double? StandardError,
    double? CiLow,
    double? CiHigh,
    double? DegreesOfFreedom,
    ChangeInterval Interval)
{
    public const double ConfidenceLevel = 0.95;

    /// <summary>True when the interval lies entirely above or entirely below 0; null without an interval.</summary>
    public bool? ExcludesZero => CiLow is { } low && CiHigh is { } high ? low > 0 || high < 0 : null;

    /// <summary>The change from <paramref name="before"/> to <paramref name="after"/>; null when either has no mean.</summary>
    public static Change? Between(DimensionSummary before, DimensionSummary after, ChangeInterval interval = ChangeInterval.Normal)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Mean is not { } mean1 || after.Mean is not { } mean2)
        {
            return null;
        }

        return Between(before.N, mean1, before.Sd, after.N, mean2, after.Sd, interval);
    }

    /// <summary>The change from group 1 to group 2 given their sizes, means and sample SDs (SD null when n &lt; 2).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size below 1, a non-finite mean, or a negative / non-finite SD.</exception>
    public static Change Between(
        long n1,
        double mean1,
        double? sd1,
        long n2,
        double mean2,
        double? sd2,
        ChangeInterval interval = ChangeInterval.Normal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n1, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(n2, 1);
        CheckFinite(mean1, nameof(mean1));
        CheckFinite(mean2, nameof(mean2));
        CheckSd(sd1, nameof(sd1));
        CheckSd(sd2, nameof(sd2));
        if (interval is not (ChangeInterval.Normal or ChangeInterval.WelchT))
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "Unknown interval method.");
        }

        var delta = mean2 - mean1;
        if (n1 < 2 || n2 < 2 || sd1 is not { } s1 || sd2 is not { } s2)
        {
            return new Change(delta, null, null, null, null, interval);
        }

        var v1 = s1 * s1 / n1;
        var v2 = s2 * s2 / n2;
        var se = Math.Sqrt(v1 + v2);
        if (se == 0)
        {
            return new Change(delta, 0, delta, delta, null, interval);
        }

        if (interval == ChangeInterval.Normal)
        {
            var z = StandardNormal.Z975;
            return new Change(delta, se, delta - (z * se), delta + (z * se), null, interval);
        }

        var df = (v1 + v2) * (v1 + v2) / ((v1 * v1 / (n1 - 1)) + (v2 * v2 / (n2 - 1)));
        var t = StudentT.Quantile(0.5 + (ConfidenceLevel / 2), df);
        return new Change(delta, se, delta - (t * se), delta + (t * se), df, interval);
    }

    private static void CheckFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "A finite mean is needed.");
        }
    }

    private static void CheckSd(double? value, string name)
    {
        if (value is { } sd && (!double.IsFinite(sd) || sd < 0))
        {
            throw new ArgumentOutOfRangeException(name, sd, "A standard deviation is finite and not negative.");
        }
    }
}
