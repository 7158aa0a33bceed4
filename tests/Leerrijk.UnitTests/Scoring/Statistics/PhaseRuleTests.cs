using Leerrijk.Scoring.Statistics;

namespace Leerrijk.UnitTests.Scoring.Statistics;

public sealed class PhaseRuleTests
{
    // <40 → 1, 40–59 → 2, 60–74 → 3, ≥75 → 4; core dimensions A, B, C; the phase is the band of the 2nd-lowest.
    private static readonly PhaseRule Rule = PhaseRule.WithDefaultBands(["A", "B", "C"]);

    private static PhasePlacement Place(double? a, double? b, double? c, double? other = null) =>
        Rule.Place(new Dictionary<string, double?> { ["A"] = a, ["B"] = b, ["C"] = c, ["X"] = other });

    public static TheoryData<double, int> Boundaries => new()
    {
        { 0, 1 },
        { 39.999, 1 },
        { 39.999999999, 1 },
        { 40, 2 },
        { 40.001, 2 },
        { 59.999, 2 },
        { 60, 3 },
        { 60.001, 3 },
        { 74.999, 3 },
        { 75, 4 },
        { 75.001, 4 },
        { 100, 4 },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void A_score_falls_in_the_band_of_the_highest_lower_bound_it_reaches(double score, int band)
    {
        Assert.Equal(band, Rule.BandOf(score));
    }

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Two_core_dimensions_at_a_score_set_the_phase_to_its_band(double score, int band)
    {
        var placement = Place(score, score, 100);

        Assert.Equal(band, placement.Phase);
        Assert.Equal("B", placement.DecidingDimensionId);     // A and B tie; ties are ranked by id
        Assert.Equal(["A", "B"], placement.LowestCoreDimensionIds);
        Assert.Empty(placement.LaggingCoreDimensionIds);
    }

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void The_second_lowest_score_decides_whatever_the_lowest(double score, int band)
    {
        var placement = Place(0, score, 100);

        Assert.Equal(band, placement.Phase);
        Assert.Equal("B", placement.DecidingDimensionId);
        Assert.Equal(band > 1 ? ["A"] : [], placement.LaggingCoreDimensionIds);
    }

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void One_weak_dimension_alone_cannot_pull_the_phase_down(double score, int band)
    {
        _ = band;
        var placement = Place(score, 100, 100);

        Assert.Equal(4, placement.Phase);
        Assert.Equal("B", placement.DecidingDimensionId);
    }

    [Fact]
    public void Two_weak_dimensions_pull_the_phase_down_and_strong_ones_cannot_hide_them()
    {
        var placement = Place(10, 20, 100, other: 100);

        Assert.Equal(1, placement.Phase);
        Assert.Equal(["A", "B", "C"], placement.RankedCore.Select(b => b.DimensionId));
        Assert.Equal(["A", "B"], placement.LowestCoreDimensionIds);
    }

    [Fact]
    public void Every_dimension_gets_its_own_band_and_only_core_ones_decide()
    {
        var placement = Place(45, 65, 80, other: 10);

        Assert.Equal(3, placement.Phase);
        Assert.Equal(
            [new DimensionBand("A", 45, 2, true), new DimensionBand("B", 65, 3, true), new DimensionBand("C", 80, 4, true), new DimensionBand("X", 10, 1, false)],
            placement.Dimensions);
        Assert.Equal(["A"], placement.LaggingCoreDimensionIds);
        Assert.DoesNotContain(placement.RankedCore, b => b.DimensionId == "X");
    }

    [Fact]
    public void Without_a_score_for_every_core_dimension_there_is_no_phase()
    {
        var placement = Rule.Place(new Dictionary<string, double?> { ["A"] = 80, ["B"] = null });

        Assert.Null(placement.Phase);
        Assert.Null(placement.DecidingDimensionId);
        Assert.Equal(["B", "C"], placement.MissingCoreDimensionIds);
        Assert.Equal(new DimensionBand("B", null, null, true), placement.Dimensions[1]);
    }

    [Theory]
    [InlineData(1, 1)]   // N = 1: the lowest decides
    [InlineData(2, 2)]
    [InlineData(3, 4)]   // N = 3: the highest of three decides
    public void The_number_of_deciding_core_dimensions_is_configurable(int n, int phase)
    {
        var rule = PhaseRule.WithDefaultBands(["A", "B", "C"], n);

        Assert.Equal(phase, rule.Place(new Dictionary<string, double?> { ["A"] = 30, ["B"] = 50, ["C"] = 90 }).Phase);
    }

    [Fact]
    public void Custom_bounds_define_the_phases()
    {
        var rule = new PhaseRule([50], ["A", "B"]);

        Assert.Equal(2, rule.PhaseCount);
        Assert.Equal(1, rule.BandOf(49.999));
        Assert.Equal(2, rule.BandOf(50));
        Assert.Equal(2, rule.Place(new Dictionary<string, double?> { ["A"] = 50, ["B"] = 50 }).Phase);
    }

    [Fact]
    public void Summaries_can_be_placed_directly()
    {
        var model = new ScoringModel(1, 5, ["A", "B", "C"], [new("a", "A"), new("b", "B"), new("c", "C")]);
        var aggregate = Aggregate.Of(model, [Response.Of(("a", 5), ("b", 3), ("c", 4)), Response.Of(("a", 5), ("b", 3), ("c", 4))]);

        // Scores A = 100, B = 50, C = 75: the 2nd-lowest is C → phase 4.
        var placement = Rule.Place(aggregate.Summarize());

        Assert.Equal(4, placement.Phase);
        Assert.Equal("C", placement.DecidingDimensionId);
        Assert.Equal(["B"], placement.LaggingCoreDimensionIds);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.001)]
    [InlineData(100.001)]
    public void A_score_outside_0_to_100_is_refused(double score)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Rule.BandOf(score));
        Assert.Throws<ArgumentOutOfRangeException>(() => Place(score, 50, 50));
    }

    [Fact]
    public void An_invalid_rule_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new PhaseRule([60, 40], ["A", "B"]));
        Assert.Throws<ArgumentException>(() => new PhaseRule([40, 40], ["A", "B"]));
        Assert.Throws<ArgumentException>(() => new PhaseRule([0, 40], ["A", "B"]));
        Assert.Throws<ArgumentException>(() => new PhaseRule([], ["A", "B"]));
        Assert.Throws<ArgumentException>(() => new PhaseRule([40], ["A", "A"]));
        Assert.Throws<ArgumentException>(() => new PhaseRule([40], ["A"]));        // N = 2 > 1 core dimension
        Assert.Throws<ArgumentException>(() => new PhaseRule([40], ["A", "B"], 0));
        Assert.Throws<ArgumentException>(() => Rule.Place(new KeyValuePair<string, double?>[] { new("A", 50), new("A", 60) }));
    }
}
