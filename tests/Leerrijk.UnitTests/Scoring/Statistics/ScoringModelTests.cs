using Leerrijk.Scoring.Statistics;

namespace Leerrijk.UnitTests.Scoring.Statistics;

public sealed class ScoringModelTests
{
    [Fact]
    public void An_item_of_an_unknown_dimension_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ScoringModel(1, 5, ["a"], [new("q1", "a"), new("q2", "b")]));

        Assert.Contains("Item 'q2' belongs to unknown dimension 'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_item_id_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ScoringModel(1, 5, ["a", "b"], [new("q1", "a"), new("q1", "b")]));

        Assert.Contains("Item id 'q1' is used twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_dimension_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ScoringModel(1, 5, ["a", "b"], [new("q1", "a")]));

        Assert.Contains("Dimension 'b' has no items", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(5, 1)]
    public void A_scale_whose_minimum_is_not_below_its_maximum_is_refused(int min, int max)
    {
        var error = Assert.Throws<ArgumentException>(() => new ScoringModel(min, max, ["a"], [new("q1", "a")]));

        Assert.Contains("must be lower than its maximum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_dimension_or_no_dimension_is_refused()
    {
        Assert.Contains(
            "Dimension 'a' is listed twice",
            Assert.Throws<ArgumentException>(() => new ScoringModel(1, 5, ["a", "a"], [new("q1", "a")])).Message,
            StringComparison.Ordinal);
        Assert.Contains(
            "no dimensions",
            Assert.Throws<ArgumentException>(() => new ScoringModel(1, 5, [], [])).Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void A_minimum_answered_share_outside_0_to_1_is_refused(double share)
    {
        var error = Assert.Throws<ArgumentException>(() => new ScoringModel(1, 5, ["a"], [new("q1", "a")], share));

        Assert.Equal("minAnsweredShare", error.ParamName);
    }

    [Fact]
    public void A_scale_with_too_many_points_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ScoringModel(0, 1000, ["a"], [new("q1", "a")]));
    }

    [Fact]
    public void The_model_keeps_the_given_order_of_dimensions_and_items()
    {
        var model = new ScoringModel(
            1,
            5,
            ["z", "a"],
            [new("z2", "z"), new("a1", "a"), new("z1", "z", Reversed: true)]);

        Assert.Equal(["z", "a"], model.DimensionIds);
        Assert.Equal(["z2", "z1"], model.ItemsOf("z").Select(i => i.Id));
        Assert.True(model.TryGetItem("z1", out var item) && item.Reversed);
        Assert.False(model.TryGetItem("nope", out _));
        Assert.Equal(5, model.Points);
        Assert.Throws<ArgumentException>(() => model.ItemsOf("nope"));
    }
}
