using Leerrijk.Web.Data;
using Leerrijk.Web.Features.PersonalInvitations;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Rounds;

/// <summary>
/// Closes rounds whose last day has passed (Dutch calendar), once a minute, so a forgotten round stops by itself,
/// and removes the unsent drafts and the invitation addresses of closed rounds: half-filled answers and addresses are
/// kept only while they can still be used.
/// </summary>
public sealed partial class RoundCloser(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RoundCloser> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await CloseDueAsync(LocalizationSetup.Today(clock), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database hiccup must not stop the closing for good: log it and try again next minute.
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Closes every open round whose closing date lies before <paramref name="today"/>; returns how many.</summary>
    public async Task<int> CloseDueAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Rounds.Where(r => r.ClosedAtUtc == null && r.ClosesOn < today).ToListAsync(cancellationToken);
        foreach (var round in due)
        {
            round.ClosedAtUtc = now;
            Webhooks.WebhookOutbox.RoundClosed(db, round, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        var drafts = await db.ResponseDrafts
            .Where(d => db.Rounds.Any(r => r.Id == d.RoundId && r.ClosedAtUtc != null))
            .ExecuteDeleteAsync(cancellationToken);

        // Invitation addresses are needed only to write to people while they can still answer.
        var erased = await db.PersonalInvitations
            .Where(i => i.Email != null && db.Rounds.Any(r => r.Id == i.RoundId && r.ClosedAtUtc != null))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Email, (string?)null).SetProperty(i => i.MailDue, InvitationMail.None), cancellationToken);
        if (due.Count > 0 || drafts > 0 || erased > 0)
        {
            LogClosed(due.Count, drafts, erased);
        }

        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed {Count} round(s) whose closing date has passed; removed {Drafts} unsent draft(s) and {Addresses} invitation address(es) of closed rounds")]
    private partial void LogClosed(int count, int drafts, int addresses);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing due rounds failed; will try again")]
    private partial void LogFailed(Exception ex);
}
