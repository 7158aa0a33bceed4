using Leerrijk.Scoring.Instruments;
using Leerrijk.Scoring.Statistics;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Features.Rounds;

namespace Leerrijk.UnitTests.Features.Reports;

/// <summary>What the report builder puts in for each kind of instrument, and for trends.</summary>
public sealed class ReportBuilderTests
{
    private static readonly IReadOnlyList<Instrument> Library = InstrumentLoader.LoadFolder(RepositoryPaths.Of("content", "instruments"));
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static Instrument Find(string id) => Library.Single(i => i.Id == id);

    [Fact]
    public void A_phase_instrument_places_the_company_by_the_second_lowest_core_dimension_and_gives_next_steps()
    {
        var instrument = Find("vijf-fasenscan");

        // Everyone agrees (4 of 5): every dimension scores 75, which the phase bands place together.
        var report = Build(instrument, Round(instrument, Today.AddDays(-1)), Answers(instrument, 20, _ => 4));

        Assert.NotNull(report.Phase);
        var expected = InstrumentScoring.PhaseOf(instrument, InstrumentScoring.PhaseRuleOf(instrument)!.Place(instrument.Dimensions.Select(d => new KeyValuePair<string, double?>(d.Id, 75))))!;
        Assert.Equal(expected.Name.Nl, report.Phase.Name);
        Assert.Equal(expected.NextSteps.Count, report.Phase.NextSteps.Count);
        Assert.All(report.Dimensions, d => Assert.Equal(75, d.Score!.Value, 9));
    }

    [Fact]
    public void A_checklist_is_reported_per_principle_with_no_partly_yes_counts_per_item()
    {
        var instrument = Find("krachtmeting-leerwerkomgeving");

        var report = Build(instrument, Round(instrument, Today.AddDays(-1)), Answers(instrument, 12, i => i % 3));

        Assert.Equal(ReportStatus.Full, report.Status);
        Assert.All(report.Dimensions, d => Assert.InRange(d.Score!.Value, 0, 100));
        Assert.All(report.Dimensions.SelectMany(d => d.Items), item => Assert.Equal(3, item.Counts!.Count));
    }

    [Fact]
    public void The_trend_compares_with_an_earlier_round_only_where_both_rounds_meet_their_threshold()
    {
        var instrument = Find("leerrijk-teamscan");
        var earlier = Round(instrument, Today.AddDays(-200));
        var now = Round(instrument, Today.AddDays(-1));
        var before = Data(instrument, earlier, Answers(instrument, 10, _ => 3));

        var report = Build(instrument, now, Answers(instrument, 10, _ => 4), new PreviousRound(earlier, before));

        Assert.NotNull(report.Trend);
        Assert.All(report.Trend.Dimensions, d =>
        {
            Assert.Equal(25, d.Change!.Value, 9);
            Assert.Equal(50, d.Previous!.Value, 9);
        });

        var tooSmall = Data(instrument, earlier, Answers(instrument, 4, _ => 3));
        Assert.Null(Build(instrument, now, Answers(instrument, 10, _ => 4), new PreviousRound(earlier, tooSmall)).Trend);
    }

    [Fact]
    public void A_module_adds_its_dimensions_marked_as_module_and_never_in_the_strongest_or_weakest()
    {
        var instrument = Find("leerrijk-teamscan");
        var module = Find("leerklimaat-monitor");
        var round = Round(instrument, Today.AddDays(-1));
        round.ModuleId = module.Id;
        var ids = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList();
        var answers = Answers(instrument, ids, _ => 3).Concat(Answers(module, ids, _ => 5)).ToList();
        var models = new Dictionary<string, ScoringModel> { [instrument.Id] = InstrumentScoring.ModelOf(instrument), [module.Id] = InstrumentScoring.ModelOf(module) };
        var data = RoundData.FromResponses(models, ids.Select(id => new GroupedResponse(id, round.Id, round.OrganisationId, "Employee", null, null)).ToList(), answers);

        var report = ReportBuilder.Build(round, instrument, module, data, null, [], new ReportTexts("nl", (_, v) => v), Today);

        Assert.Contains(report.Dimensions, d => d.IsModule && d.InstrumentId == module.Id);
        Assert.DoesNotContain(report.Strongest, id => module.Dimensions.Any(d => d.Id == id));
    }

    [Fact]
    public void Years_employed_groups_read_in_their_natural_order_not_as_text()
    {
        var instrument = Find("leerrijk-teamscan");
        var round = Round(instrument, Today.AddDays(-1));
        var ids = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
        string[] bands = ["10plus", "5-10", "1-5", "lt1"];
        var data = RoundData.FromResponses(
            new Dictionary<string, ScoringModel> { [instrument.Id] = InstrumentScoring.ModelOf(instrument) },
            ids.Select((id, i) => new GroupedResponse(id, round.Id, round.OrganisationId, "Employee", null, bands[i % 4])).ToList(),
            Answers(instrument, ids, i => 1 + (i % 5)));

        var report = ReportBuilder.Build(round, instrument, null, data, null, [], new ReportTexts("nl", (_, v) => v), Today);

        var years = Assert.Single(report.Breakdowns, b => b.Attribute == GroupAttribute.Years);
        Assert.Equal(["lt1", "1-5", "5-10", "10plus"], years.Groups.Select(g => g.Value));
    }

    private static Round Round(Instrument instrument, DateOnly closes) => new()
    {
        Id = Guid.NewGuid(),
        Title = "Meting " + closes.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        InstrumentId = instrument.Id,
        OpensOn = closes.AddDays(-14),
        ClosesOn = closes,
        Roles = ["Employee"],
        Languages = ["nl"],
        AnonymityThreshold = 5,
    };

    /// <summary>Every person answers every item with <paramref name="point"/>(person index).</summary>
    private static List<StoredAnswer> Answers(Instrument instrument, int people, Func<int, int> point) =>
        Answers(instrument, Enumerable.Range(0, people).Select(_ => Guid.NewGuid()).ToList(), point);

    private static List<StoredAnswer> Answers(Instrument instrument, List<Guid> ids, Func<int, int> point) =>
        ids.SelectMany((id, i) => instrument.Items.Select(item => new StoredAnswer(id, instrument.Id, item.Id, item.Reverse ? instrument.ScaleMax + instrument.ScaleMin - point(i) : point(i)))).ToList();

    private static RoundData Data(Instrument instrument, Round round, List<StoredAnswer> answers) =>
        RoundData.FromResponses(
            new Dictionary<string, ScoringModel> { [instrument.Id] = InstrumentScoring.ModelOf(instrument) },
            answers.Select(a => a.ResponseId).Distinct().Select(id => new GroupedResponse(id, round.Id, round.OrganisationId, "Employee", null, null)).ToList(),
            answers);

    private static RoundReport Build(Instrument instrument, Round round, List<StoredAnswer> answers, PreviousRound? previous = null) =>
        ReportBuilder.Build(round, instrument, null, Data(instrument, round, answers), previous, [], new ReportTexts("nl", (_, v) => v), Today);
}
