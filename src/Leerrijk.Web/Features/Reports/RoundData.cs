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
    private readonly StatisticsFold _fold;

    private RoundData(StatisticsFold fold) => _fold = fold;

    /// <summary>Respondents behind each figure per combination of background answers, for one instrument.</summary>
    public CellCounts Cells(string instrumentId) =>
        _fold.Cells.TryGetValue(instrumentId, out var cells) ? cells : new CellCounts(Models[instrumentId]);

    /// <summary>The scoring model of the round's instrument and of its module, by instrument id.</summary>
    public IReadOnlyDictionary<string, ScoringModel> Models => _fold.Models;

    /// <summary>The whole round for one instrument (empty when nobody answered).</summary>
    public Aggregate Whole(string instrumentId) =>
        _fold.Aggregates.TryGetValue((instrumentId, RoundStatistic.WholeRound, ""), out var whole) ? whole : Aggregate.Empty(Models[instrumentId]);

    /// <summary>Every group of one attribute for one instrument, by value ("" = not stated).</summary>
    public IReadOnlyDictionary<string, Aggregate> Groups(string instrumentId, string attribute) =>
        _fold.Aggregates.Where(a => a.Key.Instrument == instrumentId && a.Key.Attribute == attribute)
            .ToDictionary(a => a.Key.Value, a => a.Value, StringComparer.Ordinal);

    /// <summary>Reads the round's statistics rows and adds the unfolded tail in memory; writes nothing.</summary>
    public static async Task<RoundData> LoadAsync(LeerrijkDbContext db, InstrumentCatalog catalog, Round round, CancellationToken cancellationToken)
    {
        var models = new[] { catalog.Find(round.InstrumentId, round.InstrumentVersion), catalog.Find(round.ModuleId, round.ModuleVersion ?? 0) }
            .OfType<Instrument>()
            .ToDictionary(i => i.Id, InstrumentScoring.ModelOf, StringComparer.Ordinal);

        var (rows, tail, tailAnswers) = await db.Database.CreateExecutionStrategy().ExecuteAsync(
            (db, round.Id), static async (_, state, ct) => await ReadSnapshotAsync(state.db, state.Id, ct), verifySucceeded: null, cancellationToken);

        var fold = new StatisticsFold(models);
        foreach (var row in rows)
        {
            fold.Load(row);
        }

        fold.AddAll(tail, tailAnswers);
        return new RoundData(fold);
    }

    private static async Task<(List<RoundStatistic> Rows, List<GroupedResponse> Tail, List<StoredAnswer> TailAnswers)> ReadSnapshotAsync(
        LeerrijkDbContext db, Guid roundId, CancellationToken cancellationToken)
    {
        await using var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken);
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
        return (rows, tail, tailAnswers);
    }

    /// <summary>A round's statistics straight from responses, with nothing folded; for tests and tools.</summary>
    public static RoundData FromResponses(IReadOnlyDictionary<string, ScoringModel> models, IReadOnlyList<GroupedResponse> responses, IReadOnlyList<StoredAnswer> answers)
    {
        var fold = new StatisticsFold(models);
        fold.AddAll(responses, answers);
        return new RoundData(fold);
    }
}
