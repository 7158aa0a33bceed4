using Leerrijk.Web.Features.ActionPlan;
using Leerrijk.Web.Features.Anonymity;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Programmes;
using Leerrijk.Web.Features.Reports;

namespace Leerrijk.UnitTests.Features.Programmes;

/// <summary>Builds programme inputs for tests: companies with one dimension's baseline and (optionally) follow-up score.</summary>
internal static class ProgrammeCases
{
    public static readonly DateOnly Today = new(2026, 12, 3);
    public const string Instrument = "scan";
    public const string Dimension = "d";

    public static Programme Programme(int minCompanies = 5) => new()
    {
        Name = "Test",
        StartsOn = Today.AddDays(-300),
        EndsOn = Today.AddDays(300),
        InstrumentIds = [Instrument],
        MinCompanies = minCompanies,
        TargetDevelopmentPlanPercent = 50,
    };

    public sealed record Company(Guid Id, string Sector, SizeClass Size, string Region, double Baseline, double? FollowUp, double? Indicator = null);

    public static MonitorInputs Inputs(IReadOnlyList<Company> companies, MonitorData? previous = null, Populations? previousPopulations = null, int minCompanies = 5, int known = 0)
    {
        var rounds = new List<CompanyRoundScores>();
        foreach (var c in companies)
        {
            rounds.Add(new CompanyRoundScores(Guid.NewGuid(), c.Id, Instrument, null, Today.AddDays(-200), 10, [new DimensionScore(Instrument, Dimension, 10, c.Baseline, c.Baseline)]));
            if (c.FollowUp is { } f)
            {
                rounds.Add(new CompanyRoundScores(Guid.NewGuid(), c.Id, Instrument, null, Today.AddDays(-10), 10, [new DimensionScore(Instrument, Dimension, 10, f, f)]));
            }
        }

        var measurements = companies.Where(c => c.Indicator is not null)
            .Select(c => (c.Id, IndicatorKind.DevelopmentPlanShare, Today.AddDays(-5), (decimal)c.Indicator!.Value)).ToList();
        return new MonitorInputs(
            Programme(minCompanies), Today, Today.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc), companies.Count, companies.Count,
            companies.Select(c => new SharingCompany(c.Id, c.Sector, c.Size, c.Region)).ToList(), known,
            rounds, new HashSet<Guid>(), measurements, new Dictionary<Guid, decimal>(), [], previous, previousPopulations);
    }

    public static DimensionData DimensionOf(MonitorData data) => data.Instruments.Single().Dimensions.Single();

    public static List<Company> Uniform(int count, Func<int, bool> paired, Func<int, string>? sector = null) =>
        Enumerable.Range(0, count).Select(i => new Company(
            new Guid(i + 1, 0, 0, new byte[8]), sector?.Invoke(i) ?? "F", SizeClass.Small, "twente", 50 + i, paired(i) ? 55 + i : null, 20 + i)).ToList();
}

public sealed class ProgrammeDisclosureTests
{
    private static CompanyUnit Unit(int i, string sector, bool paired = true, string size = "Small", string region = "twente") =>
        new(new Guid(i + 1, 0, 0, new byte[8]), sector, size, region, paired);

    [Fact]
    public void Fewer_companies_than_the_threshold_show_nothing()
    {
        var release = ProgrammeDisclosure.Release([.. Enumerable.Range(0, 4).Select(i => Unit(i, "F"))], 5);
        Assert.False(release.Baseline);
        Assert.False(release.Paired);
        Assert.Empty(release.Breakdowns);
    }

    [Fact]
    public void A_small_sector_is_hidden_and_a_second_one_with_it_so_the_total_cannot_give_it_away()
    {
        List<CompanyUnit> units = [.. Enumerable.Range(0, 8).Select(i => Unit(i, "F")), .. Enumerable.Range(8, 6).Select(i => Unit(i, "C")), .. Enumerable.Range(14, 2).Select(i => Unit(i, "G"))];
        var release = ProgrammeDisclosure.Release(units, 5);
        Assert.True(release.Baseline);
        var sectors = release.Breakdowns["sector"].BaselineGroups;
        Assert.DoesNotContain("G", sectors);
        Assert.Single(sectors); // C (the smaller one) goes with G, else total − F − C = G.
        Assert.Contains("F", sectors);
    }

    [Fact]
    public void A_group_whose_companies_without_follow_up_are_one_to_k_minus_one_shows_no_paired_block()
    {
        // F: 8 companies, 7 with a follow-up: F's baseline minus F's paired baseline would be one company.
        List<CompanyUnit> units = [.. Enumerable.Range(0, 8).Select(i => Unit(i, "F", paired: i != 0)), .. Enumerable.Range(8, 8).Select(i => Unit(i, "C", paired: i < 11))];
        var release = ProgrammeDisclosure.Release(units, 5);
        Assert.True(release.Breakdowns.TryGetValue("sector", out var sector));
        Assert.Contains("F", sector!.BaselineGroups);
        Assert.DoesNotContain("F", sector.PairedGroups);
    }

    [Fact]
    public void Baseline_over_everyone_is_given_up_when_it_differs_from_the_paired_set_by_one_company()
    {
        var units = Enumerable.Range(0, 12).Select(i => Unit(i, "F", paired: i != 0)).ToList();
        var release = ProgrammeDisclosure.Release(units, 5);
        Assert.True(release.Paired);
        Assert.False(release.Baseline);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(4, false)]
    [InlineData(5, true)]
    public void A_figure_may_follow_an_earlier_one_only_when_none_or_at_least_k_companies_differ(int changed, bool follows)
    {
        var before = Enumerable.Range(0, 20).Select(i => new Guid(i + 1, 0, 0, new byte[8])).ToHashSet();
        var after = before.Skip(changed).ToHashSet();
        Assert.Equal(follows, ProgrammeDisclosure.Follows(before, after, 5));
    }

    [Fact]
    public void Readers_who_know_companies_raise_the_threshold()
    {
        Assert.Equal(5, ProgrammeDisclosure.Threshold(5, 0));
        Assert.Equal(8, ProgrammeDisclosure.Threshold(5, 3));
    }
}

public sealed class MonitorBuilderTests
{
    [Fact]
    public void Paired_change_is_the_mean_of_each_companys_own_change_with_an_interval()
    {
        var companies = ProgrammeCases.Uniform(10, _ => true);
        var (data, _) = MonitorBuilder.Build(ProgrammeCases.Inputs(companies));
        var d = ProgrammeCases.DimensionOf(data);
        Assert.Equal(FigureState.Current, d.State);
        Assert.Equal(10, d.Paired!.Companies);
        Assert.Equal(5.0, d.Paired.Change);
        Assert.Equal(54.5, d.Baseline!.Mean);
        Assert.Equal(59.5, d.Paired.FollowUp);
        // Every company changed by exactly 5, so the interval has no width.
        Assert.Equal(5.0, d.Paired.ChangeLow);
        Assert.Equal(5.0, d.Paired.ChangeHigh);
    }

    [Fact]
    public void A_company_that_withdraws_leaves_the_next_computation_and_the_figure_waits_until_k_companies_changed()
    {
        var companies = ProgrammeCases.Uniform(12, _ => true);
        var (first, firstPopulations) = MonitorBuilder.Build(ProgrammeCases.Inputs(companies));
        Assert.NotNull(ProgrammeCases.DimensionOf(first).Paired);

        var (second, secondPopulations) = MonitorBuilder.Build(ProgrammeCases.Inputs(companies.Skip(1).ToList(), first, firstPopulations));
        var waiting = ProgrammeCases.DimensionOf(second);
        Assert.Equal(FigureState.Waiting, waiting.State);
        Assert.Null(waiting.Baseline);
        Assert.Null(waiting.Paired);
        Assert.Null(second.Indicators[0].Points[^1].Value);

        // Four more leave: five in all since the figure was published, so it shows again, without any of them.
        var (third, _) = MonitorBuilder.Build(ProgrammeCases.Inputs(companies.Skip(5).ToList(), second, secondPopulations));
        var shown = ProgrammeCases.DimensionOf(third);
        Assert.Equal(FigureState.Current, shown.State);
        Assert.Equal(7, shown.Paired!.Companies);
    }

    [Fact]
    public void A_figure_that_fell_below_k_is_compared_with_what_was_last_shown_when_it_comes_back()
    {
        var companies = ProgrammeCases.Uniform(6, _ => true);
        var (first, p1) = MonitorBuilder.Build(ProgrammeCases.Inputs(companies.Take(5).ToList()));
        Assert.Equal(FigureState.Current, ProgrammeCases.DimensionOf(first).State);

        // One leaves: four is too few. Then another joins: five again, but two companies differ from the five shown.
        var (second, p2) = MonitorBuilder.Build(ProgrammeCases.Inputs(companies.Skip(1).Take(4).ToList(), first, p1));
        Assert.Null(ProgrammeCases.DimensionOf(second).Paired);
        var (third, _) = MonitorBuilder.Build(ProgrammeCases.Inputs(companies.Skip(1).ToList(), second, p2));
        var back = ProgrammeCases.DimensionOf(third);
        Assert.Equal(FigureState.Waiting, back.State);
        Assert.Null(back.Paired);
    }

    [Fact]
    public void A_company_that_only_joined_keeps_the_earlier_figure_on_screen_until_k_companies_changed()
    {
        var companies = ProgrammeCases.Uniform(12, _ => true);
        var (first, firstPopulations) = MonitorBuilder.Build(ProgrammeCases.Inputs(companies.Take(11).ToList()));
        var (second, _) = MonitorBuilder.Build(ProgrammeCases.Inputs(companies, first, firstPopulations));
        var carried = ProgrammeCases.DimensionOf(second);
        Assert.Equal(FigureState.Carried, carried.State);
        Assert.Equal(ProgrammeCases.DimensionOf(first).Paired, carried.Paired);
        Assert.Equal(ProgrammeCases.Today, carried.AsOf);
    }

    [Fact]
    public void The_funnel_counts_only_sharing_companies_after_joining_and_shows_the_targets()
    {
        var companies = ProgrammeCases.Uniform(6, i => i < 2);
        var inputs = ProgrammeCases.Inputs(companies) with { Invited = 9, Joined = 7, WithPlan = new HashSet<Guid>([companies[0].Id]) };
        var (data, _) = MonitorBuilder.Build(inputs);
        Assert.Equal(new FunnelData(9, 7, 6, 6, 1, 2, null, null, null, null), data.Funnel);
    }

    [Fact]
    public void An_indicator_quarter_with_too_few_companies_has_no_figure_and_says_no_new_data()
    {
        var companies = ProgrammeCases.Uniform(6, _ => true).Select((c, i) => c with { Indicator = i < 4 ? 30 : null }).ToList();
        var (data, _) = MonitorBuilder.Build(ProgrammeCases.Inputs(companies));
        var indicator = data.Indicators.Single(i => i.Kind == IndicatorKind.DevelopmentPlanShare);
        Assert.True(indicator.NoNewData);
        Assert.All(indicator.Points, p => Assert.Null(p.Value));
        Assert.Equal(50m, indicator.Target);
    }

    [Fact]
    public void Learning_communities_are_counted_from_k_sharing_companies_and_not_for_companies_that_do_not_share()
    {
        var companies = ProgrammeCases.Uniform(8, _ => true);
        var tableA = Guid.NewGuid();
        var tableB = Guid.NewGuid();
        var outsider = Guid.NewGuid();

        // Four sharing companies in communities (one with two people), plus a company that does not share: below k = 5.
        List<(Guid, Guid, Guid)> members =
        [
            (companies[0].Id, tableA, Guid.NewGuid()), (companies[0].Id, tableA, Guid.NewGuid()), (companies[1].Id, tableA, Guid.NewGuid()),
            (companies[2].Id, tableB, Guid.NewGuid()), (companies[3].Id, tableB, Guid.NewGuid()), (outsider, tableB, Guid.NewGuid()),
        ];
        var (hidden, _) = MonitorBuilder.Build(ProgrammeCases.Inputs(companies) with { CommunityMembers = members });
        Assert.Equal((null, null, null), (hidden.Support.CommunityCompanies, hidden.Support.Communities, hidden.Support.CommunityParticipants));

        members.Add((companies[4].Id, tableB, Guid.NewGuid()));
        var (shown, _) = MonitorBuilder.Build(ProgrammeCases.Inputs(companies) with { CommunityMembers = members });
        Assert.Equal((5, 2, 6), (shown.Support.CommunityCompanies, shown.Support.Communities, shown.Support.CommunityParticipants));
    }
}
