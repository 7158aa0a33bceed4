using System.Text.Json;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Scoring.Statistics;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Responses;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Reports;

/// <summary>
/// Folds newly arrived responses into their round's <see cref="RoundStatistic"/> rows, a batch at a time, every
/// couple of seconds. Marking the batch folded and updating the statistics happen in one transaction, and the mark
/// only succeeds for responses nobody folded first, so a second app instance cannot count a response twice.
/// </summary>
public sealed partial class StatisticsFolder(IServiceScopeFactory scopes, InstrumentCatalog catalog, ILogger<StatisticsFolder> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    public const int BatchSize = 1000;

    private readonly SemaphoreSlim _oneRunAtATime = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await FoldAllAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Unfolded responses still count in reports (they are read as the tail), so a failed run only costs speed.
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Folds batches until no unfolded response is left; returns how many were folded.</summary>
    public async Task<int> FoldAllAsync(CancellationToken cancellationToken = default)
    {
        await _oneRunAtATime.WaitAsync(cancellationToken);
        try
        {
            var total = 0;
            while (await FoldBatchAsync(cancellationToken) is > 0 and var folded)
            {
                total += folded;
            }

            return total;
        }
        finally
        {
            _oneRunAtATime.Release();
        }
    }

    private async Task<int> FoldBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();

        // PostgreSQL retries a transaction that broke on a dropped connection as a whole, from a clean context.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(
            db, async (db, ct) =>
            {
                db.ChangeTracker.Clear();
                return await FoldBatchAsync(db, ct);
            },
            verifySucceeded: null,
            cancellationToken);
    }

    private async Task<int> FoldBatchAsync(LeerrijkDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await db.Responses.AsNoTracking()
            .Where(r => !r.Folded)
            .OrderBy(r => r.RoundId)
            .Take(BatchSize)
            .Select(r => new GroupedResponse(r.Id, r.RoundId, r.OrganisationId, r.Role, r.Department, r.YearsEmployed))
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        var ids = batch.Select(r => r.Id).ToList();
        var marked = await db.Responses.Where(r => ids.Contains(r.Id) && !r.Folded)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Folded, true), cancellationToken);
        if (marked != ids.Count)
        {
            // Another instance folded some of these meanwhile; leave them all to the next run.
            await transaction.RollbackAsync(cancellationToken);
            return 0;
        }

        var answers = await db.Set<ResponseAnswer>().AsNoTracking()
            .Where(a => ids.Contains(a.ResponseId))
            .Select(a => new StoredAnswer(a.ResponseId, a.InstrumentId, a.ItemId, a.Value))
            .ToListAsync(cancellationToken);
        var roundIds = batch.Select(r => r.RoundId).Distinct().ToList();
        var rounds = await db.Rounds.AsNoTracking().Where(r => roundIds.Contains(r.Id))
            .Select(r => new { r.Id, r.InstrumentId, r.InstrumentVersion, r.ModuleId, r.ModuleVersion })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var rows = await db.RoundStatistics.Where(s => roundIds.Contains(s.RoundId)).ToListAsync(cancellationToken);
        var open = new Dictionary<(Guid Round, string Instrument, string Attribute, string Value), (RoundStatistic Row, Aggregate Aggregate)>();
        var answersByResponse = answers.ToLookup(a => a.ResponseId);
        var models = new Dictionary<(string, int), ScoringModel?>();
        var openCells = new Dictionary<(Guid Round, string Instrument), (RoundStatistic Row, CellCounts Counts)>();
        RoundStatistic RowFor(GroupedResponse response, string instrumentId, string attribute, string value)
        {
            var row = rows.SingleOrDefault(s => s.RoundId == response.RoundId && s.InstrumentId == instrumentId && s.Attribute == attribute && s.Value == value);
            if (row is null)
            {
                row = new RoundStatistic { OrganisationId = response.OrganisationId, RoundId = response.RoundId, InstrumentId = instrumentId, Attribute = attribute, Value = value };
                db.RoundStatistics.Add(row);
                rows.Add(row);
            }

            return row;
        }

        foreach (var response in batch)
        {
            var round = rounds[response.RoundId];
            foreach (var (instrumentId, version) in new[] { (round.InstrumentId, round.InstrumentVersion), (round.ModuleId, round.ModuleVersion ?? 0) })
            {
                if (instrumentId is null || ModelOf(instrumentId, version, models) is not { } model)
                {
                    continue;
                }

                var scored = RoundData.ToScoringResponse(model, instrumentId, answersByResponse[response.Id]);
                foreach (var (attribute, value) in Groups(response))
                {
                    var key = (response.RoundId, instrumentId, attribute, value);
                    if (!open.TryGetValue(key, out var entry))
                    {
                        var row = RowFor(response, instrumentId, attribute, value);
                        open[key] = entry = (row, RoundData.Read(model, row.DataJson));
                    }

                    entry.Aggregate.Add(scored);
                }

                var cellKey = (response.RoundId, instrumentId);
                if (!openCells.TryGetValue(cellKey, out var cells))
                {
                    var row = RowFor(response, instrumentId, CellCounts.Attribute, "");
                    openCells[cellKey] = cells = (row, CellCounts.FromJson(model, row.DataJson));
                }

                cells.Counts.Add(CellCounts.Key(response.Role, response.Department, response.YearsEmployed), scored);
            }
        }

        foreach (var (row, aggregate) in open.Values)
        {
            row.DataJson = JsonSerializer.Serialize(aggregate.ToData());
        }

        foreach (var (row, counts) in openCells.Values)
        {
            row.DataJson = counts.ToJson();
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }

    /// <summary>The groups a response counts in: the whole round, and one per background attribute.</summary>
    internal static IEnumerable<(string Attribute, string Value)> Groups(GroupedResponse response) =>
    [
        (RoundStatistic.WholeRound, ""),
        (GroupAttribute.Role, response.Role),
        (GroupAttribute.Department, response.Department ?? ""),
        (GroupAttribute.Years, response.YearsEmployed ?? ""),
    ];

    /// <summary>The scoring model of the instrument version a round started on (a round keeps its version).</summary>
    private ScoringModel? ModelOf(string instrumentId, int version, Dictionary<(string, int), ScoringModel?> models)
    {
        if (!models.TryGetValue((instrumentId, version), out var model))
        {
            models[(instrumentId, version)] = model = catalog.Find(instrumentId, version) is { } instrument ? InstrumentScoring.ModelOf(instrument) : null;
        }

        return model;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Folding responses into the statistics failed; will try again")]
    private partial void LogFailed(Exception ex);
}

/// <summary>A response's background, as the statistics group it.</summary>
public sealed record GroupedResponse(Guid Id, Guid RoundId, Guid OrganisationId, string Role, string? Department, string? YearsEmployed);

/// <summary>One stored answer, as read for folding or for the tail.</summary>
public sealed record StoredAnswer(Guid ResponseId, string InstrumentId, string ItemId, int? Value);
