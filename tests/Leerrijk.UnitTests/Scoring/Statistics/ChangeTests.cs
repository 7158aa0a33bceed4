using Leerrijk.Scoring.Statistics;

namespace Leerrijk.UnitTests.Scoring.Statistics;

public sealed class ChangeTests
{
    [Fact]
    public void The_change_has_a_normal_95_percent_interval_by_default()
    {
        // Round 1: n = 10, mean 50, SD 10; round 2: n = 12, mean 60, SD 12.
        // Δ = 10; SE = √(100/10 + 144/12) = √22 = 4.69041575982343; z = 1.959963984540054
        // CI = 10 ∓ 9.193045961772995 = [0.806954038227005, 19.193045961772995].
        var change = Change.Between(10, 50, 10, 12, 60, 12);

        Assert.Equal(10.0, change.Delta, 12);
        Assert.Equal(Math.Sqrt(22), change.StandardError!.Value, 12);
        Assert.Equal(0.806954038227005, change.CiLow!.Value, 12);
        Assert.Equal(19.193045961772995, change.CiHigh!.Value, 12);
        Assert.Null(change.DegreesOfFreedom);
        Assert.Equal(ChangeInterval.Normal, change.Interval);
        Assert.True(change.ExcludesZero);
    }

    [Fact]
    public void The_Welch_t_interval_uses_the_Satterthwaite_degrees_of_freedom()
    {
        // ν = 22² / (10²/9 + 12²/11) = 19.998330550918197; t(0.975, ν) = 2.0859746106446956
        // CI = 10 ∓ 2.0859746106446956 · √22 = [0.21591181164057766, 19.784088188359422].
        var change = Change.Between(10, 50, 10, 12, 60, 12, ChangeInterval.WelchT);

        Assert.Equal(19.998330550918197, change.DegreesOfFreedom!.Value, 10);
        Assert.Equal(0.21591181164057766, change.CiLow!.Value, 10);
        Assert.Equal(19.784088188359422, change.CiHigh!.Value, 10);
    }

    [Fact]
    public void Without_two_scores_in_each_group_there_is_no_interval()
    {
        var change = Change.Between(1, 40, null, 5, 60, 10);

        Assert.Equal(20.0, change.Delta);
        Assert.Null(change.StandardError);
        Assert.Null(change.CiLow);
        Assert.Null(change.ExcludesZero);
    }

    [Fact]
    public void Two_groups_without_spread_give_a_zero_width_interval()
    {
        var change = Change.Between(3, 50, 0, 4, 50, 0, ChangeInterval.WelchT);

        Assert.Equal(0.0, change.StandardError);
        Assert.Equal(0.0, change.CiLow);
        Assert.Equal(0.0, change.CiHigh);
        Assert.False(change.ExcludesZero);
    }

    [Fact]
    public void The_change_between_two_aggregates_uses_their_read_outs()
    {
        var model = new ScoringModel(1, 5, ["d"], [new("q", "d")]);
        var before = Aggregate.Of(model, [Response.Of(("q", 2)), Response.Of(("q", 3))]).Summarize("d");
        var after = Aggregate.Of(model, [Response.Of(("q", 4)), Response.Of(("q", 5))]).Summarize("d");

        // Scores 25, 50 → mean 37.5, SD 17.678; 75, 100 → mean 87.5, SD 17.678; SE = √(312.5/2 · 2) = 17.678.
        var change = Change.Between(before, after)!;

        Assert.Equal(50.0, change.Delta, 12);
        Assert.Equal(Math.Sqrt(312.5), change.StandardError!.Value, 10);
        Assert.Null(Change.Between(Aggregate.Empty(model).Summarize("d"), after));
    }

    [Fact]
    public void Invalid_inputs_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Change.Between(0, 50, null, 2, 50, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Change.Between(2, double.NaN, 1, 2, 50, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Change.Between(2, 50, -1, 2, 50, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Change.Between(2, 50, 1, 2, 50, 1, (ChangeInterval)7));
    }
}
