using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Leerrijk.Scoring.Statistics;

namespace Leerrijk.UnitTests.Scoring.Statistics;

public sealed class StudentTTests
{
    // Reference values to 20 digits computed with mpmath (40-digit precision, regularized incomplete beta).
    [Theory]
    [InlineData(0.975, 1, 12.706204736174693314)]
    [InlineData(0.975, 2, 4.3026527297494617894)]
    [InlineData(0.975, 3, 3.1824463052837084359)]
    [InlineData(0.975, 4, 2.7764451051977934898)]
    [InlineData(0.975, 9, 2.2621571627982049992)]
    [InlineData(0.975, 29, 2.0452296421327038745)]
    [InlineData(0.975, 30, 2.0422724563012378878)]
    [InlineData(0.975, 120, 1.9799304050824404567)]
    [InlineData(0.975, 1000, 1.9623390808264081039)]
    [InlineData(0.975, 50000, 1.9600114310936797202)]
    [InlineData(0.975, 99999, 1.9599877077718443991)]
    [InlineData(0.995, 10, 3.1692726726169507118)]
    [InlineData(0.95, 5, 2.0150483733330235417)]
    [InlineData(0.9, 7, 1.4149239276505086353)]
    [InlineData(0.999999, 3, 103.29946777942897177)]
    [InlineData(0.975, 2.5, 3.5746548420036817607)]
    [InlineData(0.975, 0.5, 164.55767348048853312)]
    [InlineData(0.9999, 1.5, 242.26409884650629707)]
    public void The_t_quantile_matches_reference_values(double p, double df, double expected)
    {
        var actual = StudentT.Quantile(p, df);

        Assert.True(Math.Abs(actual - expected) <= 1e-12 * expected, $"t({p}, {df}) = {actual}, expected {expected}");
    }

    [Theory]
    [InlineData(0.975, 4, 2.776)]
    [InlineData(0.975, 9, 2.262)]
    [InlineData(0.975, 29, 2.045)]
    public void The_t_quantile_matches_the_printed_table(double p, double df, double table)
    {
        Assert.Equal(table, Math.Round(StudentT.Quantile(p, df), 3));
    }

    [Fact]
    public void With_infinite_degrees_of_freedom_the_t_quantile_is_the_normal_1_96()
    {
        Assert.Equal(1.9599639845400542, StudentT.Quantile(0.975, double.PositiveInfinity), 15);
        Assert.Equal(1.9599639845400542, StandardNormal.Z975, 15);
        Assert.Equal(1.960, Math.Round(StudentT.Quantile(0.975, 1e9), 3));
    }

    [Fact]
    public void The_normal_functions_match_reference_values()
    {
        Assert.Equal(-6.3613409024040562047, StandardNormal.Quantile(1e-10), 12);
        Assert.Equal(0.97500210485177956586, StandardNormal.Cdf(1.96), 14);
        Assert.Equal(0.0013498980316300945267, StandardNormal.Cdf(-3), 15);
        Assert.Equal(0.5, StandardNormal.Cdf(0));
    }

    [Fact]
    public void The_t_distribution_function_matches_reference_values()
    {
        Assert.Equal(0.94194173824159220275, StudentT.Cdf(2, 4), 14);
        Assert.Equal(0.0872402852932321174, StudentT.Cdf(-1.5, 7.5), 14);
        Assert.Equal(0.5, StudentT.Cdf(0, 3));
    }

    [Theory]
    [InlineData(0.6)]
    [InlineData(0.9)]
    [InlineData(0.975)]
    [InlineData(0.999)]
    public void One_and_two_degrees_of_freedom_match_the_closed_forms(double p)
    {
        // ν = 1 (Cauchy): tan(π(p − ½)); ν = 2: (2p − 1) / √(2p(1 − p)).
        var cauchy = Math.Tan(Math.PI * (p - 0.5));
        Assert.True(Math.Abs(StudentT.Quantile(p, 1) - cauchy) <= 1e-12 * cauchy, $"t({p}, 1) vs {cauchy}");
        Assert.Equal((2 * p) - 1, StudentT.Quantile(p, 2) * Math.Sqrt(2 * p * (1 - p)), 12);
    }

    [Fact]
    public void Invalid_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(1, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(0.5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(0.5, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => StandardNormal.Quantile(double.NaN));
    }

    [Property]
    public Property The_quantile_inverts_the_distribution_function_and_is_symmetric() =>
        Prop.ForAll(
            (from p in Gen.Choose(1, 9999).Select(i => i / 10000.0)
             from df in Gen.OneOf(Gen.Choose(1, 200).Select(i => (double)i), Gen.Choose(5, 5000).Select(i => i / 100.0))
             select (p, df)).ToArbitrary(),
            pair =>
            {
                var (p, df) = pair;
                var t = StudentT.Quantile(p, df);
                Assert.Equal(p, StudentT.Cdf(t, df), 12);
                Close.Equal(-t, StudentT.Quantile(1 - p, df), 1e-9);
                Assert.True(df < 2 || Math.Abs(t) >= Math.Abs(StandardNormal.Quantile(p)) - 1e-12, "t is wider than normal");
            });
}
