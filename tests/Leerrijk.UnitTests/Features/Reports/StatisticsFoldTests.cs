using System.Text.Json;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Scoring.Statistics;
using Leerrijk.Web.Features.Reports;

namespace Leerrijk.UnitTests.Features.Reports;

/// <summary>
/// The one fold: whether responses are added all at once (a report's tail) or in batches on top of stored rows (the
/// background folder), every group and every cell ends up with the statistics of exactly those responses.
/// </summary>
public sealed class StatisticsFoldTests
{
    private static readonly Instrument Teamscan = InstrumentLoader.LoadFolder(RepositoryPaths.Of("content", "instruments")).Single(i => i.Id == "leerrijk-teamscan");

    private static readonly Guid RoundId = Guid.NewGuid();

    private static Dictionary<string, ScoringModel> Models() => new(StringComparer.Ordinal) { [Teamscan.Id] = InstrumentScoring.ModelOf(Teamscan) };

    private static (List<GroupedResponse> Responses, List<StoredAnswer> Answers) People(int count, int seed)
    {
        var random = new Random(seed);
        var responses = new List<GroupedResponse>();
        var answers = new List<StoredAnswer>();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            responses.Add(new GroupedResponse(
                id, RoundId, Guid.Empty, random.Next(3) == 0 ? "Manager" : "Employee", random.Next(3) == 0 ? null : "Werkplaats", random.Next(2) == 0 ? null : "1-5"));
            answers.AddRange(Teamscan.Items.Where(_ => random.Next(6) > 0)
                .Select(item => new StoredAnswer(id, Teamscan.Id, item.Id, random.Next(7) == 0 ? null : random.Next(1, 6))));
        }

        return (responses, answers);
    }

    /// <summary>What the background folder stores: one row per group and one for the cells.</summary>
    private static List<RoundStatistic> Rows(StatisticsFold fold) =>
        [
            .. fold.Aggregates.Select(a => new RoundStatistic { RoundId = RoundId, InstrumentId = a.Key.Instrument, Attribute = a.Key.Attribute, Value = a.Key.Value, DataJson = StatisticsFold.ToJson(a.Value) }),
            .. fold.Cells.Select(c => new RoundStatistic { RoundId = RoundId, InstrumentId = c.Key, Attribute = CellCounts.Attribute, DataJson = c.Value.ToJson() }),
        ];

    private static string Snapshot(StatisticsFold fold) => JsonSerializer.Serialize(new
    {
        Groups = fold.Aggregates.OrderBy(a => a.Key.ToString(), StringComparer.Ordinal).Select(a => new { Key = a.Key.ToString(), Json = StatisticsFold.ToJson(a.Value) }),
        Cells = fold.Cells.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Value.Cells.OrderBy(x => x.Key, StringComparer.Ordinal).ToList()),
    });

    [Fact]
    public void Folding_in_batches_on_top_of_stored_rows_equals_folding_everything_at_once()
    {
        var (responses, answers) = People(60, seed: 3);
        var atOnce = new StatisticsFold(Models());
        atOnce.AddAll(responses, answers);

        // Three batches, each starting from the rows the batch before stored, as the background folder does.
        var rows = new List<RoundStatistic>();
        foreach (var batch in responses.Chunk(25))
        {
            var fold = new StatisticsFold(Models());
            rows.ForEach(fold.Load);
            fold.AddAll(batch, answers);
            rows = Rows(fold);
        }

        var restored = new StatisticsFold(Models());
        rows.ForEach(restored.Load);
        Assert.Equal(Snapshot(atOnce), Snapshot(restored));
    }

    [Fact]
    public void Every_group_and_the_cell_count_each_response_once_with_the_same_scores()
    {
        var (responses, answers) = People(40, seed: 5);
        var model = Models()[Teamscan.Id];
        var fold = new StatisticsFold(Models());
        fold.AddAll(responses, answers);

        Response Scoring(GroupedResponse r) => new(answers.Where(a => a.ResponseId == r.Id).Select(a => new ItemAnswer(a.ItemId, a.Value is { } p ? Answer.Of(p) : Answer.DontKnow)));
        string Expected(IEnumerable<GroupedResponse> group) => StatisticsFold.ToJson(Aggregate.Of(model, group.Select(Scoring)));

        Assert.Equal(Expected(responses), StatisticsFold.ToJson(fold.Aggregates[(Teamscan.Id, RoundStatistic.WholeRound, "")]));
        Assert.Equal(Expected(responses.Where(r => r.Role == "Manager")), StatisticsFold.ToJson(fold.Aggregates[(Teamscan.Id, GroupAttribute.Role, "Manager")]));
        Assert.Equal(Expected(responses.Where(r => r.Department is null)), StatisticsFold.ToJson(fold.Aggregates[(Teamscan.Id, GroupAttribute.Department, "")]));
        Assert.Equal(Expected(responses.Where(r => r.YearsEmployed == "1-5")), StatisticsFold.ToJson(fold.Aggregates[(Teamscan.Id, GroupAttribute.Years, "1-5")]));

        // The cells: per combination of background answers, the respondents and the n behind each dimension score.
        var cells = fold.Cells[Teamscan.Id];
        foreach (var cell in responses.GroupBy(r => CellCounts.Key(r.Role, r.Department, r.YearsEmployed)))
        {
            var scores = cell.Select(r => Scorer.Score(model, Scoring(r))).ToList();
            long[] expected = [cell.Count(), .. model.DimensionIds.Select(d => (long)scores.Count(s => s.ScoreOf(d) is not null))];
            Assert.Equal(expected, cells.Cells[cell.Key]);
        }

        Assert.Equal(responses.Count, cells.Cells.Values.Sum(c => c[CellCounts.RespondentsFigure]));
    }

    [Fact]
    public void Rows_of_an_instrument_the_round_does_not_use_are_left_out()
    {
        var fold = new StatisticsFold(Models());

        fold.Load(new RoundStatistic { RoundId = RoundId, InstrumentId = "weggehaald", Attribute = RoundStatistic.WholeRound, DataJson = "not read" });

        Assert.Empty(fold.Aggregates);
    }
}
