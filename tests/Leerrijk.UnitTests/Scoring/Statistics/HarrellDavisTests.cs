using Leerrijk.Scoring.Statistics;

namespace Leerrijk.UnitTests.Scoring.Statistics;

public sealed class HarrellDavisTests
{
    [Fact]
    public void Three_values_get_the_closed_form_weights_of_their_beta_distribution()
    {
        // n = 3: a = p·4, b = (1 − p)·4. For p = ½, I_x(2, 2) = 3x² − 2x³ gives weights 7/27, 13/27, 7/27;
        // for p = ¼, I_x(1, 3) = 1 − (1 − x)³ gives 19/27, 7/27, 1/27.
        double[] values = [10, 40, 100];

        Assert.Equal(((7 * 10) + (13 * 40) + (7 * 100)) / 27.0, HarrellDavis.Quantile(values, 0.5), 12);
        Assert.Equal(((19 * 10) + (7 * 40) + (1 * 100)) / 27.0, HarrellDavis.Quantile(values, 0.25), 12);
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.75)]
    [InlineData(0.9)]
    public void Nine_values_match_a_direct_integration_of_the_beta_weights(double p)
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 9).Select(_ => random.NextDouble() * 100).ToArray();

        Assert.Equal(DirectEstimate(values, p), HarrellDavis.Quantile(values, p), 6);
    }

    [Fact]
    public void The_estimate_rises_with_p_and_stays_within_the_values()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 25).Select(_ => Math.Round(random.NextDouble() * 100, 1)).ToArray();
        var estimates = Enumerable.Range(1, 99).Select(k => HarrellDavis.Quantile(values, k / 100.0)).ToList();

        Assert.All(estimates.Zip(estimates.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.First} then {pair.Second}"));
        Assert.All(estimates, e => Assert.InRange(e, values.Min(), values.Max()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(57)]
    public void Constant_data_give_that_value(int n)
    {
        var values = Enumerable.Repeat(62.5, n).ToArray();

        foreach (var p in new[] { 0.25, 0.5, 0.75, 0.9 })
        {
            Assert.Equal(62.5, HarrellDavis.Quantile(values, p));
        }
    }

    [Fact]
    public void The_order_of_the_values_does_not_matter_and_the_median_of_symmetric_data_is_the_centre()
    {
        double[] values = [9, 1, 5, 3, 7];

        Assert.Equal(5, HarrellDavis.Quantile(values, 0.5), 12);
        Assert.Equal(HarrellDavis.Quantile([1, 3, 5, 7, 9], 0.25), HarrellDavis.Quantile(values, 0.25), 12);
    }

    [Fact]
    public void No_band_of_twenty_distinct_values_is_one_of_them()
    {
        var values = Enumerable.Range(1, 20).Select(i => (i * 4.3) + (i % 3)).ToArray();

        foreach (var p in new[] { 0.25, 0.5, 0.75 })
        {
            var estimate = HarrellDavis.Quantile(values, p);
            Assert.DoesNotContain(values, v => Math.Abs(v - estimate) < 1e-9);
        }
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => HarrellDavis.Quantile([], 0.5));
        Assert.Throws<ArgumentException>(() => HarrellDavis.Quantile([1, double.NaN], 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => HarrellDavis.Quantile([1, 2], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => HarrellDavis.Quantile([1, 2], 1));
    }

    /// <summary>Σ X_(i) · ∫ over ((i−1)/n, i/n) of the Beta(p(n+1), (1−p)(n+1)) density, by the midpoint rule on a fine grid.</summary>
    private static double DirectEstimate(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        var a = p * (n + 1);
        var b = (1 - p) * (n + 1);
        double Density(double x) => Math.Pow(x, a - 1) * Math.Pow(1 - x, b - 1);
        double Integral(double from, double to)
        {
            // Midpoint rule: never evaluates the density at 0 or 1, where it may be infinite (a or b just below 1).
            const int steps = 50_000;
            var h = (to - from) / steps;
            var sum = 0.0;
            for (var k = 0; k < steps; k++)
            {
                sum += Density(from + ((k + 0.5) * h));
            }

            return sum * h;
        }

        var weights = Enumerable.Range(1, n).Select(i => Integral((i - 1.0) / n, (double)i / n)).ToArray();
        var total = weights.Sum();
        return weights.Select((w, i) => w / total * sorted[i]).Sum();
    }
}
