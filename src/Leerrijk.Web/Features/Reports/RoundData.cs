using System.Data;
using System.Text.Json;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Scoring.Statistics;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Responses;
using Leerrijk.Web.Features.Rounds;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Reports;

/// <summary>
/// A round's answers as statistics: the folded <see cref="RoundStatistic"/> rows plus the responses not folded yet,
/// read in one snapshot so a fold running at the same moment is counted exactly once.
/// </summary>
public sealed class RoundData
{
    private readonly Dictionary<(string Instrument, string Attribute, string Value), Aggregate> _aggregates;

    private readonly Dictionary<string, CellCounts> _cells;

    private RoundData(Dictionary<(string, string, string), Aggregate> aggregates, Dictionary<string, CellCounts> cells, IReadOnlyDictionary<string, ScoringModel> models)
    {
        _aggregates = aggregates;
        _cells = cells;
        Models = models;
    }

    /// <summary>Respondents behind each figure per combination of background answers, for one instrument.</summary>
    public CellCounts Cells(string instrumentId) =>
        _cells.TryGetValue(instrumentId, out var cells) ? cells : new CellCounts(Models[instrumentId]);

    /// <summary>The scoring model of the round's instrument and of its module, by instrument id.</summary>
    public IReadOnlyDictionary<string, ScoringModel> Models { get; }

    /// <summary>The whole round for one instrument (empty when nobody answered).</summary>
    public Aggregate Whole(string instrumentId) =>
        _aggregates.TryGetValue((instrumentId, RoundStatistic.WholeRound, ""), out var whole) ? whole : Aggregate.Empty(Models[instrumentId]);

    /// <summary>Every group of one attribute for one instrument, by value ("" = not stated).</summary>
    public IReadOnlyDictionary<string, Aggregate> Groups(string instrumentId, string attribute) =>
        _aggregates.Where(a => a.Key.Instrument == instrumentId && a.Key.Attribute == attribute)
            .ToDictionary(a => a.Key.Value, a => a.Value, StringComparer.Ordinal);

    public static async Task<RoundData> LoadAsync(LeerrijkDbContext db, InstrumentCatalog catalog, Round round, CancellationToken cancellationToken)
    {
        var models = new[] { catalog.Find(round.InstrumentId, round.InstrumentVersion), catalog.Find(round.ModuleId, round.ModuleVersion ?? 0) }
            .OfType<Instrument>()
            .ToDictionary(i => i.Id, InstrumentScoring.ModelOf, StringComparer.Ordinal);

        var (rows, tail, tailAnswers) = await db.Database.CreateExecutionStrategy().ExecuteAsync(
            (db, round.Id), static async (_, state, ct) => await ReadSnapshotAsync(state.db, state.Id, ct), verifySucceeded: null, cancellationToken);

        var aggregates = new Dictionary<(string, string, string), Aggregate>();
        var cells = new Dictionary<string, CellCounts>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => models.ContainsKey(r.InstrumentId)))
        {
            if (row.Attribute == CellCounts.Attribute)
            {
                cells[row.InstrumentId] = CellCounts.FromJson(models[row.InstrumentId], row.DataJson);
            }
            else
            {
                aggregates[(row.InstrumentId, row.Attribute, row.Value)] = Read(models[row.InstrumentId], row.DataJson);
            }
        }

        AddAll(aggregates, cells, models, tail, tailAnswers);
        return new RoundData(aggregates, cells, models);
    }

    private static async Task<(List<RoundStatistic> Rows, List<GroupedResponse> Tail, List<StoredAnswer> TailAnswers)> ReadSnapshotAsync(
        LeerrijkDbContext db, Guid roundId, CancellationToken cancellationToken)
    {
        // PostgreSQL: REPEATABLE READ is a snapshot. SQLite: any read transaction in WAL mode is one.
        var isolation = db.Database.IsNpgsql() ? IsolationLevel.RepeatableRead : IsolationLevel.Serializable;
        await using var transaction = await db.Database.BeginTransactionAsync(isolation, cancellationToken);
        var rows = await db.RoundStatistics.AsNoTracking().Where(s => s.RoundId == roundId).ToListAsync(cancellationToken);
        var tail = await db.Responses.AsNoTracking()
            .Where(r => r.RoundId == roundId && !r.Folded)
            .Select(r => new GroupedResponse(r.Id, r.RoundId, r.OrganisationId, r.Role, r.Department, r.YearsEmployed))
            .ToListAsync(cancellationToken);
        var tailIds = tail.Select(r => r.Id).ToList();
        var tailAnswers = tailIds.Count == 0
            ? []
            : await db.Set<ResponseAnswer>().AsNoTracking()
                .Where(a => tailIds.Contains(a.ResponseId))
                .Select(a => new StoredAnswer(a.ResponseId, a.InstrumentId, a.ItemId, a.Value))
                .ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (rows, tail, tailAnswers);
    }

    /// <summary>A round's statistics straight from responses, with nothing folded; for tests and tools.</summary>
    public static RoundData FromResponses(IReadOnlyDictionary<string, ScoringModel> models, IReadOnlyList<GroupedResponse> responses, IReadOnlyList<StoredAnswer> answers)
    {
        var aggregates = new Dictionary<(string, string, string), Aggregate>();
        var cells = new Dictionary<string, CellCounts>(StringComparer.Ordinal);
        AddAll(aggregates, cells, models, responses, answers);
        return new RoundData(aggregates, cells, models);
    }

    private static void AddAll(
        Dictionary<(string, string, string), Aggregate> aggregates,
        Dictionary<string, CellCounts> cells,
        IReadOnlyDictionary<string, ScoringModel> models,
        IReadOnlyList<GroupedResponse> tail,
        IReadOnlyList<StoredAnswer> tailAnswers)
    {
        var answersByResponse = tailAnswers.ToLookup(a => a.ResponseId);
        foreach (var response in tail)
        {
            foreach (var (instrumentId, model) in models)
            {
                var scored = ToScoringResponse(model, instrumentId, answersByResponse[response.Id]);
                foreach (var (attribute, value) in StatisticsFolder.Groups(response))
                {
                    if (!aggregates.TryGetValue((instrumentId, attribute, value), out var aggregate))
                    {
                        aggregates[(instrumentId, attribute, value)] = aggregate = Aggregate.Empty(model);
                    }

                    aggregate.Add(scored);
                }

                if (!cells.TryGetValue(instrumentId, out var counts))
                {
                    cells[instrumentId] = counts = new CellCounts(model);
                }

                counts.Add(CellCounts.Key(response.Role, response.Department, response.YearsEmployed), scored);
            }
        }
    }

    internal static Aggregate Read(ScoringModel model, string json) =>
        string.IsNullOrEmpty(json) ? Aggregate.Empty(model) : Aggregate.FromData(model, JsonSerializer.Deserialize<AggregateData>(json)!);

    /// <summary>
    /// One response's answers to one instrument for the scoring engine. Items the instrument no longer has are left
    /// out rather than stopping the statistics: a wording change must not make a round unreadable.
    /// </summary>
    internal static Response ToScoringResponse(ScoringModel model, string instrumentId, IEnumerable<StoredAnswer> answers) =>
        new(answers
            .Where(a => a.InstrumentId == instrumentId && model.TryGetItem(a.ItemId, out _))
            .Select(a => new ItemAnswer(a.ItemId, a.Value is { } point ? Answer.Of(point) : Answer.DontKnow)));
}
