using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Infrastructure;
using Leerrijk.Web.Infrastructure.Localization;
using Leerrijk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Tracks;

/// <summary>
/// Reminds a company's owners and its adviser, once, when a track's follow-up round is due and none has been chosen:
/// the follow-up is what shows whether the track changed anything, and it is the step most easily forgotten. Runs every
/// hour; the queue is the tracks table itself (<see cref="Track.FollowUpReminderSentOn"/>), so a restart loses nothing.
/// </summary>
public sealed partial class FollowUpReminder(
    IServiceScopeFactory scopes, TimeProvider clock, PublicLinks links, ILogger<FollowUpReminder> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>The mail's languages, in order: Dutch (the default of every owner) first, then English.</summary>
    private static readonly CultureInfo[] Languages = [LocalizationSetup.Dutch, LocalizationSetup.English];

    private readonly SemaphoreSlim _oneRunAtATime = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await SendDueAsync(LocalizationSetup.Today(clock), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The mail server or database being away must not stop reminding for good: the next hour tries again.
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// One pass: mails every open track whose follow-up is due on or before <paramref name="today"/>, has no follow-up
    /// round and was not reminded yet; returns how many tracks were reminded.
    /// </summary>
    public async Task<int> SendDueAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        await _oneRunAtATime.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            var sender = scope.ServiceProvider.GetRequiredService<IMailSender>();
            var l = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>();

            // Outside a request no tenant is entered: every company's tracks are read, on purpose.
            var due = await db.Tracks.AsNoTracking()
                .Where(t => t.ClosedOn == null && t.FollowUpRoundId == null && t.FollowUpReminderSentOn == null
                    && t.FollowUpDueOn != null && t.FollowUpDueOn <= today)
                .Select(t => new DueTrack(t.Id, t.OrganisationId, t.SupportOrganisationId, t.SupportOrganisation!.Name, t.FollowUpDueOn!.Value))
                .ToListAsync(cancellationToken);
            var reminded = 0;
            foreach (var track in due)
            {
                // Claimed before the mail leaves, so two app instances never both send it; given back if sending fails.
                var claimed = await db.Tracks
                    .Where(t => t.Id == track.Id && t.FollowUpReminderSentOn == null && t.FollowUpRoundId == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.FollowUpReminderSentOn, today), cancellationToken);
                if (claimed == 0)
                {
                    continue;
                }

                try
                {
                    var company = await db.Organisations.Where(o => o.Id == track.OrganisationId).Select(o => o.Name).SingleAsync(cancellationToken);
                    foreach (var address in await RecipientsAsync(db, track, today, cancellationToken))
                    {
                        await sender.SendAsync(Compose(l, track, company, address), cancellationToken);
                    }
                }
                catch
                {
                    await db.Tracks.Where(t => t.Id == track.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(t => t.FollowUpReminderSentOn, (DateOnly?)null), CancellationToken.None);
                    throw;
                }

                reminded++;
            }

            if (reminded > 0)
            {
                LogReminded(reminded);
            }

            return reminded;
        }
        finally
        {
            _oneRunAtATime.Release();
        }
    }

    /// <summary>
    /// The company's owners, and the support side of the track: the adviser the company's active grant names (while
    /// still a member of the support organisation), else its coordinators. Without an active grant the support
    /// organisation no longer sees the company, so only the owners are told.
    /// </summary>
    private static async Task<IReadOnlyList<string>> RecipientsAsync(LeerrijkDbContext db, DueTrack track, DateOnly today, CancellationToken cancellationToken)
    {
        var owners = await (
                from m in db.Memberships
                where m.OrganisationId == track.OrganisationId && m.Role == OrganisationRole.Owner
                join u in db.Users on m.UserId equals u.Id
                select u.Email)
            .ToListAsync(cancellationToken);
        var grant = await db.ConsentGrants.Where(ConsentGrant.ActiveOn(today))
            .Where(g => g.OrganisationId == track.OrganisationId && g.SupportOrganisationId == track.SupportOrganisationId)
            .OrderByDescending(g => g.CreatedAtUtc)
            .Select(g => new { g.AdviserUserId })
            .FirstOrDefaultAsync(cancellationToken);
        var support = new List<string?>();
        if (grant is not null)
        {
            var staff = db.SupportMemberships.Where(s => s.SupportOrganisationId == track.SupportOrganisationId);
            if (grant.AdviserUserId is { } adviser)
            {
                support = await staff.Where(s => s.UserId == adviser).Select(s => s.User!.Email).ToListAsync(cancellationToken);
            }

            if (support.Count == 0)
            {
                support = await staff.Where(s => s.Role == SupportRole.Coordinator).Select(s => s.User!.Email).ToListAsync(cancellationToken);
            }
        }

        return owners.Concat(support)
            .Where(a => !string.IsNullOrWhiteSpace(a))
            .Select(a => a!)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>One mail in Dutch and then English, with a link to the track and one to opening a round.</summary>
    private OutgoingMail Compose(IStringLocalizer<SharedResource> l, DueTrack track, string company, string to)
    {
        var trackLink = links.Absolute($"/o/{track.OrganisationId}/track?trackId={track.Id}");
        var roundLink = links.Absolute($"/o/{track.OrganisationId}/rounds/new");
        var encoder = HtmlEncoder.Default;
        var text = new StringBuilder();
        var html = new StringBuilder();
        var subject = "";
        foreach (var culture in Languages)
        {
            var parts = LocalizationSetup.InCulture(culture, () => new
            {
                Subject = l["Track.Mail.Subject", company].Value,
                Body = l["Track.Mail.Body", company, track.SupportName, track.DueOn.ToString("D", culture)].Value,
                Next = l["Track.Mail.Next"].Value,
                TrackButton = l["Track.Mail.TrackLink"].Value,
                RoundButton = l["Track.Mail.RoundLink"].Value,
                Once = l["Track.Mail.Once"].Value,
            });
            if (subject.Length == 0)
            {
                subject = parts.Subject;
            }
            else
            {
                text.Append("\n-----\n\n");
                html.Append("<hr>");
            }

            text.Append(parts.Body).Append("\n\n").Append(parts.Next).Append("\n\n")
                .Append(parts.TrackButton).Append(": ").Append(trackLink).Append('\n')
                .Append(parts.RoundButton).Append(": ").Append(roundLink).Append("\n\n")
                .Append(parts.Once).Append('\n');
            html.Append("<div lang=\"").Append(culture.TwoLetterISOLanguageName).Append("\">")
                .Append("<p>").Append(encoder.Encode(parts.Body)).Append("</p>")
                .Append("<p>").Append(encoder.Encode(parts.Next)).Append("</p>")
                .Append("<p><a href=\"").Append(encoder.Encode(trackLink)).Append("\">").Append(encoder.Encode(parts.TrackButton)).Append("</a></p>")
                .Append("<p><a href=\"").Append(encoder.Encode(roundLink)).Append("\">").Append(encoder.Encode(parts.RoundButton)).Append("</a></p>")
                .Append("<p>").Append(encoder.Encode(parts.Once)).Append("</p>")
                .Append("</div>");
        }

        return new OutgoingMail(to, subject, text.ToString(), html.ToString(), trackLink);
    }

    private sealed record DueTrack(Guid Id, Guid OrganisationId, Guid SupportOrganisationId, string SupportName, DateOnly DueOn);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent the follow-up reminder for {Count} track(s)")]
    private partial void LogReminded(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending follow-up reminders failed; will try again")]
    private partial void LogFailed(Exception ex);
}
