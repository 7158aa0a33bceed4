using Leerrijk.Scoring.Instruments;
using Leerrijk.Scoring.Statistics;

namespace Leerrijk.UnitTests.Scoring.Instruments;

/// <summary>The shipped instruments are scored by the one engine: models, phases and checklist profiles.</summary>
public sealed class InstrumentScoringTests
{
    private static readonly IReadOnlyList<Instrument> Library = InstrumentLoader.LoadFolder(RepositoryPaths.Of("content", "instruments"));

    private static Instrument Get(string id) => Library.Single(i => i.Id == id);

    [Fact]
    public void Every_instrument_becomes_a_scoring_model()
    {
        foreach (var instrument in Library)
        {
            var model = InstrumentScoring.ModelOf(instrument);
            Assert.Equal(instrument.Items.Count, model.Items.Count);
            Assert.Equal(instrument.Dimensions.Count, model.DimensionIds.Count);
        }
    }

    [Fact]
    public void A_teamscan_respondent_is_scored_with_reverse_items_and_dont_know()
    {
        var teamscan = Get("leerrijk-teamscan");
        var model = InstrumentScoring.ModelOf(teamscan);
        // ruimte-en-veiligheid: fout-melden 5, fout-leren 4, vragen-stellen don't know, fout-afgerekend (reversed) 2 → 4.
        // Three of four answered (75%): mean (5 + 4 + 4) / 3 = 4.333…, score 25 · (4.333… − 1) = 83.33…
        var response = Response.Of(("fout-melden", 5), ("fout-leren", 4), ("vragen-stellen", Answer.DontKnow), ("fout-afgerekend", 2));

        var scores = Scorer.Score(model, response);

        Assert.Equal(83.333333333, scores.ScoreOf("ruimte-en-veiligheid")!.Value, 6);
        Assert.Null(scores.ScoreOf("samen-leren"));
    }

    public static TheoryData<double, double, double, int> FasenBoundaries => new()
    {
        // richting, ruimte, steun → phase. Bounds 0 / 30 / 50 / 65 / 80; the phase is the band of the 2nd lowest.
        { 10, 29.999, 90, 1 },
        { 10, 30, 90, 2 },
        { 30, 30, 30, 2 },
        { 49.999, 50, 50, 3 },
        { 49.999, 49.999, 100, 2 },
        { 0, 64.999, 65, 3 },
        { 0, 65, 65, 4 },
        { 79.999, 80, 100, 5 },
        { 80, 79.999, 0, 4 },
        { 100, 100, 100, 5 },
    };

    [Theory]
    [MemberData(nameof(FasenBoundaries))]
    public void The_vijf_fasenscan_places_at_and_around_each_boundary(double richting, double ruimte, double steun, int expected)
    {
        var scan = Get("vijf-fasenscan");
        var rule = InstrumentScoring.PhaseRuleOf(scan)!;

        var placement = rule.Place(new Dictionary<string, double?> { ["richting"] = richting, ["ruimte"] = ruimte, ["steun"] = steun });

        Assert.Equal(expected, placement.Phase);
        var phase = InstrumentScoring.PhaseOf(scan, placement)!;
        Assert.Equal(scan.Phases!.Phases[expected - 1].Id, phase.Id);
        Assert.NotEmpty(phase.NextSteps);
    }

    [Fact]
    public void Instruments_without_phases_have_no_phase_rule()
    {
        Assert.Null(InstrumentScoring.PhaseRuleOf(Get("leerrijk-teamscan")));
    }

    [Fact]
    public void The_krachtmeting_checklist_gives_a_profile_per_principle()
    {
        var krachtmeting = Get("krachtmeting-leerwerkomgeving");
        var model = InstrumentScoring.ModelOf(krachtmeting);
        var first = krachtmeting.Dimensions[0];
        var items = krachtmeting.ItemsOf(first.Id).Select(i => i.Id).ToList();
        var aggregate = Aggregate.Of(model, [
            Response.Of((items[0], 2), (items[1], 1)),
            Response.Of((items[0], 0), (items[1], 2)),
        ]);

        var profile = ChecklistProfile.From(aggregate);

        var principle = profile.Principles.Single(p => p.DimensionId == first.Id);
        Assert.Equal(2, principle.N);
        Assert.Equal(62.5, principle.Score!.Value, 9); // respondent means 1.5 and 1.0 → 75 and 50
        var item = profile.Items.Single(i => i.ItemId == items[0]);
        Assert.Equal(0.5, item.Yes!.Value, 9);
        Assert.Equal(0.5, item.No!.Value, 9);
    }
}
