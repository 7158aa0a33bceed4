using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Leerrijk.Web.Features.Communities.Sessions;

/// <summary>
/// Once an hour, reminds the active members of every session that starts within <see cref="Ahead"/> and has had no
/// reminder, once. Cancelled sessions get none; a session planned less than a day ahead gets none either, as its
/// invitation has only just arrived.
/// </summary>
public sealed partial class SessionReminder(
    IServiceScopeFactory scopes, IOptions<SessionReminderOptions> options, TimeProvider clock, ILogger<SessionReminder> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>How long before the start the reminder goes: with an hourly pass, between 23 and 24 hours before.</summary>
    public static readonly TimeSpan Ahead = TimeSpan.FromHours(24);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInBackground)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(clock.GetUtcNow().UtcDateTime, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database or mail server being away must not stop reminders for good; the next pass tries again.
                LogFailed(ex);
            }

            await Task.Delay(Interval, clock, stoppingToken);
        }
    }

    /// <summary>Sends the reminders due at <paramref name="nowUtc"/>; returns how many sessions were reminded.</summary>
    public async Task<int> SendDueAsync(DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var mails = scope.ServiceProvider.GetRequiredService<SessionMails>();
        var until = nowUtc + Ahead;
        var due = await db.CommunitySessions.AsNoTracking()
            .Where(s => s.CancelledAtUtc == null && s.ReminderSentAtUtc == null && s.StartsAtUtc > nowUtc && s.StartsAtUtc <= until)
            .OrderBy(s => s.StartsAtUtc)
            .ToListAsync(cancellationToken);
        var reminded = 0;
        foreach (var session in due.Where(s => s.StartsAtUtc - s.CreatedAtUtc >= Ahead))
        {
            // Marked before sending, and only if no one else marked it meanwhile (two app instances, a facilitator who
            // cancels this minute): a crash between mark and mail loses this one reminder, which the log then shows,
            // rather than sending it again every hour. The invitation in members' calendars already carries the date.
            var claimed = await db.CommunitySessions
                .Where(s => s.Id == session.Id && s.ReminderSentAtUtc == null && s.CancelledAtUtc == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.ReminderSentAtUtc, nowUtc), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            LogClaimed(session.Id);
            var unreached = await mails.SendAsync(session, SessionMailKind.Reminder, cancellationToken);
            LogSent(session.Id, unreached.Count);
            reminded++;
        }

        return reminded;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending session reminders failed; the next pass tries again")]
    private partial void LogFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} marked as reminded; sending the reminder now")]
    private partial void LogClaimed(Guid sessionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} reminder sent; {Unreached} address(es) not reached")]
    private partial void LogSent(Guid sessionId, int unreached);
}

/// <summary>Settings of the session reminder.</summary>
public sealed class SessionReminderOptions
{
    public const string Section = "CommunitySessions";

    /// <summary>Off in tests, which call <see cref="SessionReminder.SendDueAsync"/> with the moment they need.</summary>
    public bool RunInBackground { get; set; } = true;
}
