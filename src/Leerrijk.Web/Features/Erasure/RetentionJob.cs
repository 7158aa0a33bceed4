using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Leerrijk.Web.Features.Erasure;

/// <summary>
/// Once an hour: removes the raw answers of rounds past their organisation's retention period (after folding them
/// into the statistics), and erases organisations whose grace period after an owner's request has passed.
/// </summary>
/// <remarks>"Now" is the injected <see cref="TimeProvider"/>, so tests move time instead of waiting for it.</remarks>
public sealed partial class RetentionJob(
    IServiceScopeFactory scopes, StatisticsFolder folder, TimeProvider clock, IOptions<RetentionJobOptions> options, ILogger<RetentionJob> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private readonly SemaphoreSlim _oneRunAtATime = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInBackground)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Nothing is half-done (each removal is one transaction); the next hour tries again.
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One run: raw answers past retention, then organisations past their grace period.</summary>
    public async Task<RetentionRun> RunAsync(CancellationToken cancellationToken = default)
    {
        await _oneRunAtATime.WaitAsync(cancellationToken);
        try
        {
            // Raw answers go only once they are in the statistics: fold whatever is still waiting first.
            await folder.FoldAllAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            var eraser = scope.ServiceProvider.GetRequiredService<Eraser>();

            // The shortest period is the widest net; each organisation's own period is applied in memory.
            var widest = now.AddMonths(-RetentionRules.MinMonths);
            var candidates = await db.Rounds.AsNoTracking()
                .Where(r => r.ClosedAtUtc != null && r.ClosedAtUtc < widest && r.RawAnswersRemovedAtUtc == null)
                .Join(db.Organisations, r => r.OrganisationId, o => o.Id, (r, o) => new { r.Id, ClosedAtUtc = r.ClosedAtUtc!.Value, o.RetentionMonths })
                .ToListAsync(cancellationToken);
            var removed = 0;
            foreach (var round in candidates.Where(c => RetentionRules.RawAnswersDue(c.ClosedAtUtc, c.RetentionMonths) <= now))
            {
                removed += await eraser.RemoveRawAnswersAsync(round.Id, cancellationToken) ? 1 : 0;
            }

            var requestedBefore = now - RetentionRules.GracePeriod;
            var due = await db.Organisations.AsNoTracking()
                .Where(o => o.ErasureRequestedAtUtc != null && o.ErasureRequestedAtUtc <= requestedBefore)
                .Select(o => o.Id)
                .ToListAsync(cancellationToken);
            var erased = 0;
            foreach (var organisationId in due)
            {
                erased += await eraser.EraseOrganisationAsync(organisationId, cancellationToken) ? 1 : 0;
            }

            return new RetentionRun(removed, erased);
        }
        finally
        {
            _oneRunAtATime.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing raw answers past retention or erasing organisations failed; will try again")]
    private partial void LogFailed(Exception ex);
}

/// <summary>What one run of <see cref="RetentionJob"/> did: rounds whose raw answers went, organisations erased.</summary>
public sealed record RetentionRun(int RoundsCleared, int OrganisationsErased);

/// <summary>Switches the hourly job; tests run it on demand.</summary>
public sealed class RetentionJobOptions
{
    public const string Section = "Retention";

    public bool RunInBackground { get; set; } = true;
}
