using System.Text;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Infrastructure;
using Leerrijk.Web.Infrastructure.Localization;
using Leerrijk.Web.Infrastructure.Mail;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Communities.Sessions;

/// <summary>What a session mail tells the members.</summary>
public enum SessionMailKind
{
    Invitation,
    Update,
    Cancellation,
    Reminder,
}

/// <summary>
/// Mails a session to every active member of its community (facilitators included), each with the session as an
/// iCalendar attachment. One address that the mail server refuses, or a mail that fails, does not stop the others:
/// the caller gets the addresses that were not reached, to show to the facilitator.
/// </summary>
/// <remarks>
/// Leerrijk does not store a person's preferred language, so every session mail is in Dutch, whatever language the
/// facilitator's own browser shows.
/// </remarks>
public sealed partial class SessionMails(
    LeerrijkDbContext db, AccountMails accountMails, IMailSender sender, MailOptions mailOptions, PublicLinks links, TimeProvider clock,
    IStringLocalizer<SharedResource> l, ILogger<SessionMails> logger)
{
    /// <summary>The session's own page, as a path.</summary>
    public static string PagePath(CommunitySession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return $"/leergemeenschap/{session.CommunityId}/sessies/{session.Id}";
    }

    /// <summary>Sends the mail of <paramref name="kind"/> to every active member; returns the addresses that could not be reached.</summary>
    /// <param name="session">The session, as stored.</param>
    /// <param name="kind">Invitation, update, cancellation or reminder.</param>
    /// <param name="cancellationToken">Stops sending.</param>
    public async Task<IReadOnlyList<string>> SendAsync(CommunitySession session, SessionMailKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var communityName = await db.Communities.AsNoTracking().Where(c => c.Id == session.CommunityId).Select(c => c.Name).SingleAsync(cancellationToken);
        var recipients = await db.CommunityMembers.AsNoTracking()
            .Where(m => m.CommunityId == session.CommunityId)
            .Where(CommunityMember.Active)
            .Join(db.Users, m => m.UserId, u => (Guid?)u.Id, (m, u) => u.Email ?? m.Email)
            .Distinct()
            .ToListAsync(cancellationToken);
        var pageUrl = links.Absolute(PagePath(session));
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var unreached = new List<string>();
        foreach (var to in recipients.Order(StringComparer.Ordinal))
        {
            var mail = LocalizationSetup.InCulture(LocalizationSetup.Dutch, () => Compose(session, kind, communityName, to, pageUrl, nowUtc));
            try
            {
                await sender.SendAsync(mail, cancellationToken);
            }
            catch (SmtpCommandException ex) when (ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted)
            {
                LogRefused();
                unreached.Add(to);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The session is stored already; the facilitator sees who did not get the mail and can tell them.
                LogFailed(ex);
                unreached.Add(to);
            }
        }

        return unreached;
    }

    private OutgoingMail Compose(CommunitySession session, SessionMailKind kind, string communityName, string to, string pageUrl, DateTime nowUtc)
    {
        var culture = LocalizationSetup.Dutch;
        var (day, from, until) = SessionInput.Describe(session, culture);
        var key = kind.ToString();
        var paragraphs = new List<string>
        {
            l[$"Session.Mail.{key}.Body", communityName, day, from, until].Value,
        };
        if (kind != SessionMailKind.Cancellation)
        {
            if (session.Place is not null)
            {
                paragraphs.Add(l["Session.Mail.Place", session.Place].Value);
            }

            if (session.VideoLink is not null)
            {
                paragraphs.Add(l["Session.Mail.VideoLink", session.VideoLink].Value);
            }

            if (session.Agenda is not null)
            {
                paragraphs.Add(new StringBuilder(l["Session.Mail.Agenda"].Value).Append('\n').Append(session.Agenda).ToString());
            }
        }

        var attached = kind != SessionMailKind.Reminder;
        if (attached)
        {
            paragraphs.Add(l[kind == SessionMailKind.Cancellation ? "Session.Mail.CalendarCancel" : "Session.Mail.Calendar"].Value);
        }

        var mail = accountMails.Compose(to, l[$"Session.Mail.{key}.Subject", communityName, day, from].Value, paragraphs, l["Session.Mail.Button"].Value, pageUrl);
        if (!attached)
        {
            return mail;
        }

        var method = kind == SessionMailKind.Cancellation ? SessionCalendar.Cancel : SessionCalendar.Request;
        var ics = SessionCalendar.Write(session, communityName, method, pageUrl, nowUtc, mailOptions.FromAddress, to);
        return mail with { Attachments = [new MailAttachment("bijeenkomst.ics", SessionCalendar.ContentType(method), Encoding.UTF8.GetBytes(ics))] };
    }

    // Addresses are left out on purpose: logs are kept longer than they are guarded.
    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server refused a community member's address for a session mail")]
    private partial void LogRefused();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending a session mail failed; the facilitator is shown who was not reached")]
    private partial void LogFailed(Exception ex);
}
