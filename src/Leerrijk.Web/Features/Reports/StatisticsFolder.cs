using Leerrijk.Scoring.Instruments;
using Leerrijk.Scoring.Statistics;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Responses;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Leerrijk.Web.Features.Reports;

/// <summary>
/// Folds newly arrived responses into their round's <see cref="RoundStatistic"/> rows, a batch at a time, every
/// couple of seconds. Marking the batch folded and updating the statistics happen in one transaction, and the mark
/// only succeeds for responses nobody folded first, so a second app instance cannot count a response twice. The
/// adding itself is <see cref="StatisticsFold"/>, the same routine a report uses for the tail it reads. The answers of
/// responses this instance committed a moment ago come from <see cref="RecentAnswers"/>; only the others are read back.
/// </summary>
public sealed partial class StatisticsFolder(
    IServiceScopeFactory scopes, InstrumentCatalog catalog, WriterQueue writers, RecentAnswers recent, IOptions<StatisticsFolderOptions> options,
    StatisticsFolderMetrics metrics, ILogger<StatisticsFolder> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    public const int BatchSize = 1000;

    private readonly SemaphoreSlim _oneRunAtATime = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInBackground)
        {
            return;
        }

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
            metrics.RunStarted(await WaitingAsync(cancellationToken));
            var total = 0;
            while (await FoldBatchAsync(cancellationToken) is > 0 and var folded)
            {
                total += folded;
                metrics.Folded(folded);
            }

            metrics.CaughtUp();

            // Whatever is still held was not needed (its round was erased before it was folded, say, or it arrived
            // after the last batch and will be read back): anonymous answers are not kept longer than one run.
            recent.Forget();
            return total;
        }
        finally
        {
            _oneRunAtATime.Release();
        }
    }

    /// <summary>How many responses wait to be folded (a count on the partial index of unfolded responses).</summary>
    private async Task<long> WaitingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Responses.LongCountAsync(r => !r.Folded, cancellationToken);
    }

    private async Task<int> FoldBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();

        // One batch per turn, so submissions waiting to be written go in between batches of a backlog.
        using var turn = await writers.WaitAsync(cancellationToken);

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

        var answers = new List<StoredAnswer>();
        var readBack = new List<Guid>();
        foreach (var id in ids)
        {
            if (recent.TryTake(id, out var held))
            {
                answers.AddRange(held.Select(a => new StoredAnswer(a.ResponseId, a.InstrumentId, a.ItemId, a.Value)));
            }
            else
            {
                readBack.Add(id);
            }
        }

        if (readBack.Count > 0)
        {
            answers.AddRange(await db.Set<ResponseAnswer>().AsNoTracking()
                .Where(a => readBack.Contains(a.ResponseId))
                .Select(a => new StoredAnswer(a.ResponseId, a.InstrumentId, a.ItemId, a.Value))
                .ToListAsync(cancellationToken));
        }

        metrics.AnswersFound(inMemory: ids.Count - readBack.Count, readBack: readBack.Count);

        var roundIds = batch.Select(r => r.RoundId).Distinct().ToList();
        var rounds = await db.Rounds.AsNoTracking().Where(r => roundIds.Contains(r.Id))
            .Select(r => new { r.Id, r.OrganisationId, r.InstrumentId, r.InstrumentVersion, r.ModuleId, r.ModuleVersion })
            .ToListAsync(cancellationToken);
        var rows = await db.RoundStatistics.Where(s => roundIds.Contains(s.RoundId)).ToListAsync(cancellationToken);
        var models = new Dictionary<(string, int), ScoringModel?>();
        foreach (var round in rounds)
        {
            var roundRows = rows.Where(r => r.RoundId == round.Id)
                .ToDictionary(r => (r.InstrumentId, r.Attribute, r.Value));
            var fold = new StatisticsFold(ModelsOf(models, (round.InstrumentId, round.InstrumentVersion), (round.ModuleId, round.ModuleVersion ?? 0)));
            foreach (var row in roundRows.Values)
            {
                fold.Load(row);
            }

            fold.AddAll(batch.Where(r => r.RoundId == round.Id), answers);

            // Every group's row is written back; EF Core updates only those whose statistics changed.
            void Store(string instrumentId, string attribute, string value, string json)
            {
                if (!roundRows.TryGetValue((instrumentId, attribute, value), out var row))
                {
                    row = new RoundStatistic { OrganisationId = round.OrganisationId, RoundId = round.Id, InstrumentId = instrumentId, Attribute = attribute, Value = value };
                    db.RoundStatistics.Add(row);
                }

                row.DataJson = json;
            }

            foreach (var ((instrumentId, attribute, value), aggregate) in fold.Aggregates)
            {
                Store(instrumentId, attribute, value, StatisticsFold.ToJson(aggregate));
            }

            foreach (var (instrumentId, cells) in fold.Cells)
            {
                Store(instrumentId, CellCounts.Attribute, "", cells.ToJson());
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }

    /// <summary>The scoring models of the instrument versions a round started on (a round keeps its version).</summary>
    private Dictionary<string, ScoringModel> ModelsOf(Dictionary<(string, int), ScoringModel?> known, params (string? Id, int Version)[] instruments)
    {
        var models = new Dictionary<string, ScoringModel>(StringComparer.Ordinal);
        foreach (var (id, version) in instruments)
        {
            if (id is null)
            {
                continue;
            }

            if (!known.TryGetValue((id, version), out var model))
            {
                known[(id, version)] = model = catalog.Find(id, version) is { } instrument ? InstrumentScoring.ModelOf(instrument) : null;
            }

            if (model is not null)
            {
                models[id] = model;
            }
        }

        return models;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Folding responses into the statistics failed; will try again")]
    private partial void LogFailed(Exception ex);
}

/// <summary>How the statistics folder runs.</summary>
public sealed class StatisticsFolderOptions
{
    /// <summary>
    /// Fold every couple of seconds in the background (the default). Off only where a test must see unfolded
    /// responses stay unfolded; reports stay right either way, since they add the unfolded tail themselves.
    /// </summary>
    public bool RunInBackground { get; set; } = true;
}
