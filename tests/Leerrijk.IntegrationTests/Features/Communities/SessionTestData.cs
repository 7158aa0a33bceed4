using System.Globalization;
using System.Text;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Communities;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Leerrijk.IntegrationTests.Features.Communities;

/// <summary>Communities stored straight in the database (their own pages belong to another slice), and what session tests read back.</summary>
internal static class SessionTestData
{
    public static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static async Task<List<CommunitySession>> SessionsOfAsync(this LeerrijkAppFactory app, Guid communityId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        return await db.CommunitySessions.AsNoTracking().Where(s => s.CommunityId == communityId).OrderBy(s => s.StartsAtUtc).ToListAsync();
    }

    public static async Task<CommunitySession> SessionByIdAsync(this LeerrijkAppFactory app, Guid sessionId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        return await db.CommunitySessions.AsNoTracking().SingleAsync(s => s.Id == sessionId);
    }

    /// <summary>The form of the session fields for a day and Dutch times.</summary>
    public static Dictionary<string, string> Fields(DateOnly day, string start, string end, string? place = "Zaal 3, Regiohuis", string? link = null, string? agenda = "Kennismaken") => new()
    {
        ["Input.Date"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Input.StartTime"] = start,
        ["Input.EndTime"] = end,
        ["Input.Place"] = place ?? "",
        ["Input.VideoLink"] = link ?? "",
        ["Input.Agenda"] = agenda ?? "",
    };

    /// <summary>The moment <paramref name="day"/> at <paramref name="time"/> in Dutch time, in UTC.</summary>
    public static DateTime Utc(DateOnly day, string time) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.Parse(time, CultureInfo.InvariantCulture)), LocalizationSetup.DutchTime);

    /// <summary>The first day from <paramref name="from"/> on when the Dutch clocks go forward (the last Sunday of March).</summary>
    public static DateOnly NextSpringForward(DateOnly from)
    {
        var day = from;
        while (!(day.Month == 3 && day.DayOfWeek == DayOfWeek.Sunday && day.AddDays(7).Month == 4))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>The session's calendar attachment: its MIME type and the calendar parsed back with Ical.Net.</summary>
    public static (ContentType Type, Ical.Net.Calendar Calendar) CalendarOf(MimeMessage message)
    {
        var part = Assert.Single(message.Attachments.OfType<MimePart>());
        using var content = new MemoryStream();
        part.Content!.DecodeTo(content);
        return (part.ContentType, Ical.Net.Calendar.Load(Encoding.UTF8.GetString(content.ToArray()))!);
    }

    public static int MailsTo(this LeerrijkAppFactory app, string address, string subjectStart) =>
        app.Outbox.Messages().Count(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))
            && (m.Subject ?? "").StartsWith(subjectStart, StringComparison.Ordinal));
}
