using Leerrijk.Scoring;

namespace Leerrijk.UnitTests.Scoring;

public sealed class ScoreScaleTests
{
    [Theory]
    [InlineData(1.0, 5, 0.0)]
    [InlineData(5.0, 5, 100.0)]
    [InlineData(3.0, 5, 50.0)]
    [InlineData(4.0, 5, 75.0)]
    [InlineData(2.0, 3, 50.0)]
    public void A_mean_maps_linearly_to_0_to_100(double mean, int points, double expected)
    {
        Assert.Equal(expected, ScoreScale.ToScore(mean, points), 10);
    }

    [Theory]
    [InlineData(0.99, 5)]
    [InlineData(5.01, 5)]
    [InlineData(double.NaN, 5)]
    public void A_mean_outside_the_scale_is_refused(double mean, int points)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoreScale.ToScore(mean, points));
    }
}
