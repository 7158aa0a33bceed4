using System.Diagnostics;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Programmes;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Leerrijk.Web.Features.Norms;

/// <summary>
/// Recomputes every <see cref="NormBand"/> once a night (03:30 Dutch time) from the companies that chose the norm
/// pool (<see cref="ProgrammeParticipant.InPool"/>), reading their results only through <see cref="CompanyScores"/>.
/// The old bands go and the new ones come in one transaction, so a report never sees half a refresh; a company that
/// left the pool is gone after the next run, since nothing is kept between runs.
/// </summary>
public sealed partial class NormRefresher(
    IServiceScopeFactory scopes, StatisticsFolder folder, TimeProvider clock, IOptions<NormRefresherOptions> options, ILogger<NormRefresher> logger)
    : BackgroundService
{
    /// <summary>When the nightly run starts, in Dutch time: after midnight's rounds closed, before anyone reads a report.</summary>
    public static readonly TimeOnly RunAt = new(3, 30);

    private readonly SemaphoreSlim _oneRunAtATime = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInBackground)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            await Task.Delay(NextRun(now) - now, clock, stoppingToken);
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The previous night's bands stay in place; reports keep showing them until a run succeeds.
                LogFailed(ex);
            }
        }
    }

    /// <summary>The next <see cref="RunAt"/> in Dutch time after <paramref name="nowUtc"/>.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset nowUtc)
    {
        var local = TimeZoneInfo.ConvertTime(nowUtc, LocalizationSetup.DutchTime);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (TimeOnly.FromDateTime(local.DateTime) >= RunAt)
        {
            day = day.AddDays(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(RunAt), LocalizationSetup.DutchTime), TimeSpan.Zero);
    }

    /// <summary>Folds waiting responses, then replaces all norm bands and logs the run; returns the log row.</summary>
    public async Task<NormRefresh> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _oneRunAtATime.WaitAsync(cancellationToken);
        try
        {
            var watch = Stopwatch.StartNew();
            var started = clock.GetUtcNow().UtcDateTime;

            // Rounds that closed with responses still waiting would otherwise be left out until the folder got to them.
            await folder.FoldAllAsync(cancellationToken);

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            var today = LocalizationSetup.Today(clock);
            var windowFrom = NormRules.WindowFrom(today);
            var poolIds = db.ProgrammeParticipants.Where(ProgrammeParticipant.InPool).Select(p => p.OrganisationId!.Value);
            var companies = await db.Organisations.AsNoTracking().Where(o => poolIds.Contains(o.Id))
                .Select(o => new PoolCompany(o.Id, o.SbiSection, o.SizeClass, o.LabourMarketRegionId))
                .ToListAsync(cancellationToken);

            // A round closed early has ClosedAtUtc before ClosesOn, so ClosesOn in the window is the wider net; CompanyScores gives the exact close day.
            var roundIds = await db.Rounds.AsNoTracking().Where(r => poolIds.Contains(r.OrganisationId) && r.ClosesOn >= windowFrom)
                .Select(r => r.Id).ToListAsync(cancellationToken);
            var scores = await scope.ServiceProvider.GetRequiredService<CompanyScores>().ReadAsync(roundIds, today, cancellationToken);
            var bands = NormComputation.Compute(companies, scores, windowFrom, started);

            var refresh = new NormRefresh { StartedAtUtc = started, Companies = companies.Count, Bands = bands.Count };
            await db.Database.CreateExecutionStrategy().ExecuteAsync(
                db, async (db, ct) =>
                {
                    db.ChangeTracker.Clear();
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    await db.NormBands.ExecuteDeleteAsync(ct);
                    foreach (var band in bands)
                    {
                        band.Id = Guid.CreateVersion7();
                    }

                    db.NormBands.AddRange(bands);
                    refresh.Id = Guid.CreateVersion7();
                    refresh.DurationMilliseconds = (int)watch.ElapsedMilliseconds;
                    db.NormRefreshes.Add(refresh);
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                    return 0;
                },
                verifySucceeded: null,
                cancellationToken);
            LogRefreshed(companies.Count, bands.Count, refresh.DurationMilliseconds);
            return refresh;
        }
        finally
        {
            _oneRunAtATime.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the norm bands failed; the previous bands stay until the next run")]
    private partial void LogFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Norm bands refreshed: {Companies} companies in the pool, {Bands} bands, {Milliseconds} ms")]
    private partial void LogRefreshed(int companies, int bands, int milliseconds);
}

/// <summary>How the norm refresh runs.</summary>
public sealed class NormRefresherOptions
{
    /// <summary>Refresh every night in the background (the default). Off where a test calls <see cref="NormRefresher.RefreshAsync"/> itself.</summary>
    public bool RunInBackground { get; set; } = true;
}
