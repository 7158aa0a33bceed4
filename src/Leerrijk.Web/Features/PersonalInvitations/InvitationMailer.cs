using System.Text;
using System.Text.Encodings.Web;
using Leerrijk.Scoring.Languages;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Infrastructure;
using Leerrijk.Web.Infrastructure.Localization;
using Leerrijk.Web.Infrastructure.Mail;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.PersonalInvitations;

/// <summary>
/// Sends the invitation and reminder mails that the invitations page queued, in the background, so a list of two
/// hundred addresses neither holds up HR's browser nor is half-sent when a request dies. Queued mail survives a
/// restart because the queue is the <see cref="PersonalInvitation.MailDue"/> column.
/// </summary>
public sealed partial class InvitationMailer(
    IServiceScopeFactory scopes, TimeProvider clock, PublicLinks links, InvitationMailMetrics metrics, ILogger<InvitationMailer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private const int BatchSize = 50;

    private readonly SemaphoreSlim _wake = new(0);
    private readonly SemaphoreSlim _oneRunAtATime = new(1, 1);

    /// <summary>Starts a run now instead of at the next interval, after HR queued mail.</summary>
    public void Wake()
    {
        lock (_wake)
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The mail server or database being away must not stop sending for good; the queue waits in the table.
                LogFailed(ex);
            }

            await _wake.WaitAsync(Interval, stoppingToken);
        }
    }

    /// <summary>Sends every queued mail of rounds that are not closed; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        await _oneRunAtATime.WaitAsync(cancellationToken);
        try
        {
            var sent = 0;
            await using (var counting = scopes.CreateAsyncScope())
            {
                metrics.Queued(await counting.ServiceProvider.GetRequiredService<LeerrijkDbContext>().PersonalInvitations
                    .LongCountAsync(i => i.MailDue != InvitationMail.None && i.Email != null, cancellationToken));
            }

            while (true)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
                var sender = scope.ServiceProvider.GetRequiredService<IMailSender>();
                var l = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>();
                var registry = scope.ServiceProvider.GetRequiredService<LanguageRegistry>();
                var due = await db.PersonalInvitations
                    .Where(i => i.MailDue != InvitationMail.None && i.Email != null)
                    .OrderBy(i => i.Id)
                    .Take(BatchSize)
                    .ToListAsync(cancellationToken);
                if (due.Count == 0)
                {
                    metrics.Queued(0);
                    return sent;
                }

                var roundIds = due.Select(i => i.RoundId).Distinct().ToList();
                var rounds = await db.Rounds.Where(r => roundIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
                var organisationIds = rounds.Values.Select(r => r.OrganisationId).Distinct().ToList();
                var names = await db.Organisations.Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
                var today = LocalizationSetup.Today(clock);
                foreach (var invitation in due)
                {
                    var round = rounds[invitation.RoundId];
                    if (round.StatusOn(today) == RoundStatus.Closed)
                    {
                        invitation.MailDue = InvitationMail.None;
                        await db.SaveChangesAsync(cancellationToken);
                        continue;
                    }

                    // The code is stored before the mail leaves, so the link works the moment it arrives. A crash between
                    // the two leaves the mail queued: the next run makes a new code, and the unsent one is never valid.
                    var code = PersonalInvitation.NewCode();
                    invitation.CodeHash = PersonalInvitation.HashCode(code);
                    await db.SaveChangesAsync(cancellationToken);

                    var mail = Compose(l, registry, invitation, round, names.GetValueOrDefault(round.OrganisationId) ?? "", code);
                    try
                    {
                        await sender.SendAsync(mail, cancellationToken);
                    }
                    catch (SmtpCommandException ex) when (ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted)
                    {
                        // The server will never take this address: stop trying, and say so on the invitations page.
                        invitation.MailDue = InvitationMail.None;
                        invitation.Undeliverable = true;
                        await db.SaveChangesAsync(cancellationToken);
                        LogRefused();
                        metrics.Refused();
                        continue;
                    }

                    if (invitation.MailDue == InvitationMail.Reminder)
                    {
                        invitation.LastRemindedOn = today;
                        invitation.Reminders++;
                    }
                    else
                    {
                        invitation.InvitedOn = today;
                    }

                    invitation.MailDue = InvitationMail.None;
                    await db.SaveChangesAsync(cancellationToken);
                    metrics.Sent();
                    sent++;
                }
            }
        }
        finally
        {
            _oneRunAtATime.Release();
        }
    }

    /// <summary>The mail in each of the round's languages, the round's first language first.</summary>
    private OutgoingMail Compose(
        IStringLocalizer<SharedResource> l, LanguageRegistry registry, PersonalInvitation invitation, Round round, string organisation, string code)
    {
        var link = links.Absolute($"/s/{round.Code}/u/{code}");
        var reminder = invitation.MailDue == InvitationMail.Reminder;
        var offered = round.Languages.Select(registry.Find).OfType<RespondentLanguage>().ToList();
        var languages = offered.Count > 0 ? offered : [registry.Default];
        var text = new StringBuilder();
        var html = new StringBuilder();
        var encoder = HtmlEncoder.Default;
        string subject = "";
        foreach (var language in languages)
        {
            // The registry's cultures (en-GB, not the US calendar of plain "en"), so a date reads as on every page.
            var culture = language.CultureInfo;
            var parts = LocalizationSetup.InCulture(culture, () => new
            {
                Subject = l[reminder ? "Mail.Reminder.Subject" : "Mail.Survey.Subject", organisation].Value,
                Body = l[reminder ? "Mail.Reminder.Body" : "Mail.Survey.Body", organisation, round.Title, round.ClosesOn.ToString("D", culture)].Value,
                Anonymous = l["Mail.Survey.Anonymous", round.AnonymityThreshold].Value,
                Button = l["Mail.Survey.Button"].Value,
                Already = l["Mail.Survey.AlreadyAnswered"].Value,
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

            text.Append(parts.Body).Append("\n\n").Append(link).Append("\n\n").Append(parts.Anonymous).Append('\n');
            html.Append("<div lang=\"").Append(language.Code).Append(language.IsRightToLeft ? "\" dir=\"rtl\">" : "\">")
                .Append("<p>").Append(encoder.Encode(parts.Body)).Append("</p>")
                .Append("<p><a href=\"").Append(encoder.Encode(link)).Append("\">").Append(encoder.Encode(parts.Button)).Append("</a></p>")
                .Append("<p>").Append(encoder.Encode(parts.Anonymous)).Append("</p>");
            if (reminder)
            {
                text.Append('\n').Append(parts.Already).Append('\n');
                html.Append("<p>").Append(encoder.Encode(parts.Already)).Append("</p>");
            }

            html.Append("</div>");
        }

        // No ActionLink: the pick-up sender would log it, and the code must not end up in a log next to a time.
        return new OutgoingMail(invitation.Email!, subject, text.ToString(), html.ToString());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending invitation mail failed; the queued mail is tried again later")]
    private partial void LogFailed(Exception ex);

    // The address is left out on purpose: logs are kept longer than they are guarded.
    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server refused an invitation's address; it is marked undeliverable")]
    private partial void LogRefused();
}
