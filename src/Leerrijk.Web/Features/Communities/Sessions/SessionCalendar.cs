using System.Globalization;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Leerrijk.Web.Features.Communities.Sessions;

/// <summary>
/// A community session as an iCalendar event (RFC 5545, with the methods of RFC 5546), so a member's calendar app adds
/// it, updates it when <see cref="CommunitySession.Sequence"/> rises and removes it when it is cancelled.
/// </summary>
/// <remarks>
/// Times are written in UTC: every calendar app shows them in the reader's own zone, and no VTIMEZONE block has to be
/// kept right for the Dutch summer-time rules.
/// </remarks>
public static class SessionCalendar
{
    public const string Request = "REQUEST";
    public const string Cancel = "CANCEL";
    public const string Publish = "PUBLISH";

    /// <summary>The event's UID: the same for the invitation, every update and the cancellation of one session.</summary>
    public static string Uid(Guid sessionId) => string.Create(CultureInfo.InvariantCulture, $"{sessionId:D}@leerrijk");

    /// <summary>The MIME type of an attachment with <paramref name="method"/>, which mail programs read to offer "add to calendar".</summary>
    public static string ContentType(string method) => $"text/calendar; method={method}; charset=utf-8";

    /// <summary>Writes the session as a calendar with one event.</summary>
    /// <param name="session">The session; cancelled ones get STATUS:CANCELLED.</param>
    /// <param name="communityName">The SUMMARY.</param>
    /// <param name="method">REQUEST for an invitation or update, CANCEL for a cancellation, PUBLISH for a download.</param>
    /// <param name="pageUrl">The session's page, the URL when there is no video link.</param>
    /// <param name="nowUtc">The DTSTAMP.</param>
    /// <param name="organizer">The sender's address, required by RFC 5546 for REQUEST and CANCEL; null for a download.</param>
    /// <param name="attendee">The recipient's address, so the mail program sees the invitation is meant for them.</param>
    public static string Write(
        CommunitySession session, string communityName, string method, string pageUrl, DateTime nowUtc, string? organizer = null, string? attendee = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        var calendar = new Ical.Net.Calendar { ProductId = "-//Leerrijk//Leergemeenschap//NL", Method = method };
        var description = string.IsNullOrWhiteSpace(session.Agenda) ? pageUrl : session.Agenda + "\n\n" + pageUrl;
        var calendarEvent = new CalendarEvent
        {
            Uid = Uid(session.Id),
            Sequence = session.Sequence,
            Summary = communityName,
            Description = description,
            Location = string.IsNullOrWhiteSpace(session.Place) ? session.VideoLink : session.Place,
            Url = new Uri(string.IsNullOrWhiteSpace(session.VideoLink) ? pageUrl : session.VideoLink),
            DtStart = Utc(session.StartsAtUtc),
            DtEnd = Utc(session.EndsAtUtc),
            DtStamp = Utc(nowUtc),
            Status = session.CancelledAtUtc is null && method != Cancel ? Ical.Net.EventStatus.Confirmed : Ical.Net.EventStatus.Cancelled,
        };
        if (organizer is not null)
        {
            calendarEvent.Organizer = new Organizer("mailto:" + organizer);
        }

        if (attendee is not null)
        {
            calendarEvent.Attendees.Add(new Attendee("mailto:" + attendee) { Role = "REQ-PARTICIPANT", ParticipationStatus = "NEEDS-ACTION" });
        }

        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalDateTime Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
