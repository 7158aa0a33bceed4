using Leerrijk.Web.Features.Norms;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Reports;

namespace Leerrijk.UnitTests.Features.Norms;

public sealed class NormRulesTests
{
    [Theory]
    [InlineData(9, new int[0])]
    [InlineData(10, new[] { 50 })]
    [InlineData(19, new[] { 50 })]
    [InlineData(20, new[] { 25, 50, 75 })]
    [InlineData(49, new[] { 25, 50, 75 })]
    [InlineData(50, new[] { 25, 50, 75, 90 })]
    [InlineData(200, new[] { 25, 50, 75, 90 })]
    public void A_percentile_is_published_only_with_five_companies_on_each_side(int companies, int[] published)
    {
        Assert.Equal(published, NormRules.Percentiles.Where(p => NormRules.MayPublish(companies, p)));
    }

    [Fact]
    public void The_first_company_counts_that_publish_each_percentile_are_10_20_20_and_50()
    {
        Assert.Equal([20, 10, 20, 50], NormRules.Percentiles.Select(NormRules.FirstPublishedAt));
    }

    [Theory]
    [InlineData(9, 5000, null)]
    [InlineData(10, 0, NormStatus.Emerging)]
    [InlineData(19, 5000, NormStatus.Emerging)]
    [InlineData(20, 499, NormStatus.Emerging)]
    [InlineData(20, 500, NormStatus.Standard)]
    [InlineData(300, 500, NormStatus.Standard)]
    public void Twenty_companies_and_500_respondents_are_standard_ten_are_emerging_fewer_are_hidden(int companies, int respondents, NormStatus? status)
    {
        Assert.Equal(status, NormRules.StatusOf(companies, respondents));
    }

    [Fact]
    public void A_band_is_rounded_to_one_decimal_and_null_where_it_may_not_be_published()
    {
        var values = Enumerable.Range(1, 10).Select(i => i * 7.77).ToList();

        var p50 = NormRules.Band(values, 50);
        Assert.NotNull(p50);
        Assert.Equal(Math.Round(p50.Value, 1), p50.Value);
        Assert.Null(NormRules.Band(values, 25));
        Assert.Null(NormRules.Band(values, 90));
    }

    [Fact]
    public void The_window_is_24_months_back()
    {
        Assert.Equal(new DateOnly(2022, 2, 28), NormRules.WindowFrom(new DateOnly(2024, 2, 29)));
        Assert.Equal(new DateOnly(2024, 6, 15), NormRules.WindowFrom(new DateOnly(2026, 6, 15)));
    }

    [Theory]
    [InlineData("2026-01-10T12:00:00Z", "2026-01-11T02:30:00Z")] // winter: 03:30 CET is 02:30 UTC, tomorrow
    [InlineData("2026-01-10T02:00:00Z", "2026-01-10T02:30:00Z")] // before tonight's run
    [InlineData("2026-07-10T01:30:00Z", "2026-07-11T01:30:00Z")] // summer: exactly 03:30 CEST runs next night
    [InlineData("2026-03-28T12:00:00Z", "2026-03-29T01:30:00Z")] // the night the clocks go forward
    public void The_nightly_run_is_at_half_past_three_Dutch_time(string now, string next)
    {
        Assert.Equal(DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture),
            NormRefresher.NextRun(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(10.0, NormPosition.LowestQuarter)]
    [InlineData(40.0, NormPosition.MiddleHalf)]
    [InlineData(60.0, NormPosition.MiddleHalf)]
    [InlineData(65.0, NormPosition.UpperQuarter)]
    [InlineData(80.0, NormPosition.Top10)]
    public void A_score_is_placed_among_the_published_bands(double score, NormPosition position)
    {
        var band = new NormBand { P25 = 30, P50 = 50, P75 = 60, P90 = 75 };

        Assert.Equal(position, NormLookup.PositionOf(score, band));
    }

    [Fact]
    public void With_only_the_middle_published_a_score_is_below_or_above_it_and_without_quarters_no_top_10_is_claimed()
    {
        Assert.Equal(NormPosition.LowerHalf, NormLookup.PositionOf(49.9, new NormBand { P50 = 50 }));
        Assert.Equal(NormPosition.UpperHalf, NormLookup.PositionOf(50, new NormBand { P50 = 50 }));
        Assert.Equal(NormPosition.UpperQuarter, NormLookup.PositionOf(99, new NormBand { P25 = 30, P50 = 50, P75 = 60 }));
        Assert.Null(NormLookup.PositionOf(50, new NormBand()));
    }
}

public sealed class NormComputationTests
{
    private static readonly DateOnly WindowFrom = new(2024, 6, 1);

    [Fact]
    public void A_company_with_a_full_profile_counts_in_all_eight_cells_and_one_without_a_region_in_four()
    {
        var full = new PoolCompany(Guid.NewGuid(), "F", SizeClass.Small, "achterhoek");
        var noRegion = full with { OrganisationId = Guid.NewGuid(), LabourMarketRegionId = "" };

        Assert.Equal(8, NormComputation.CellsOf(full).Distinct().Count());
        Assert.Equal(new[] { ("", "", ""), ("F", "", ""), ("", "Small", ""), ("F", "Small", "") }.Order(), NormComputation.CellsOf(noRegion).Order());
    }

    [Fact]
    public void The_lookup_goes_from_the_most_specific_cell_to_all_companies()
    {
        Assert.Equal(
            [("F", "Small", "achterhoek"), ("F", "Small", ""), ("F", "", "achterhoek"), ("F", "", ""), ("", "Small", ""), ("", "", "achterhoek"), ("", "", "")],
            NormComputation.LookupOrder("F", SizeClass.Small, "achterhoek"));
    }

    [Fact]
    public void Only_each_companys_latest_round_in_the_window_counts_once()
    {
        var companies = Enumerable.Range(0, 10).Select(i => new PoolCompany(Guid.NewGuid(), "F", SizeClass.Small, "achterhoek")).ToList();
        var rounds = new List<CompanyRoundScores>();
        foreach (var (company, i) in companies.Select((c, i) => (c, i)))
        {
            rounds.Add(Round(company, new DateOnly(2025, 1, 1), respondents: 30, score: 10 + i));
            rounds.Add(Round(company, new DateOnly(2024, 12, 1), respondents: 1000, score: 90));
            rounds.Add(Round(company, new DateOnly(2024, 5, 31), respondents: 1000, score: 90));
        }

        var outsider = new PoolCompany(Guid.NewGuid(), "F", SizeClass.Small, "achterhoek");
        rounds.Add(Round(outsider, new DateOnly(2025, 1, 1), respondents: 1000, score: 90));

        var bands = NormComputation.Compute(companies, rounds, WindowFrom, DateTime.UtcNow);

        Assert.Equal(8, bands.Count);
        Assert.All(bands, b =>
        {
            Assert.Equal(10, b.Companies);
            Assert.Equal(300, b.Respondents);
            Assert.Equal(NormStatus.Emerging, b.Status);
            Assert.Equal(Math.Round(Leerrijk.Scoring.Statistics.HarrellDavis.Quantile(Enumerable.Range(10, 10).Select(i => (double)i).ToList(), 0.5), 1), b.P50);
            Assert.Null(b.P25);
        });
    }

    [Fact]
    public void Nine_companies_give_no_band_at_all()
    {
        var companies = Enumerable.Range(0, 9).Select(i => new PoolCompany(Guid.NewGuid(), "F", SizeClass.Small, "achterhoek")).ToList();

        Assert.Empty(NormComputation.Compute(companies, companies.Select(c => Round(c, new DateOnly(2025, 1, 1), 100, 50)), WindowFrom, DateTime.UtcNow));
    }

    private static CompanyRoundScores Round(PoolCompany company, DateOnly closedOn, int respondents, double score) =>
        new(Guid.NewGuid(), company.OrganisationId, "leerrijk-teamscan", null, closedOn, respondents,
            [new DimensionScore("leerrijk-teamscan", "leren", respondents, score, null)]);
}
