using System.Globalization;
using System.Text;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
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

    /// <summary>A community run by a support organisation: a facilitator, active members, one open invitation and one who left.</summary>
    public sealed record TestCommunity(Guid Id, string Name, ApplicationUser Facilitator, IReadOnlyList<ApplicationUser> Members, IReadOnlyList<Guid> MemberRowIds, string InvitedEmail, ApplicationUser Left)
    {
        public string NewPage => $"/leergemeenschap/{Id}/sessies/nieuw";

        public string SessionPage(Guid sessionId) => $"/leergemeenschap/{Id}/sessies/{sessionId}";
    }

    public static async Task<TestCommunity> CommunityAsync(this LeerrijkAppFactory app, params string[] memberEmails)
    {
        var support = await app.CreateSupportOrganisationAsync();
        var facilitator = await app.CreateUserAsync();
        var members = new List<ApplicationUser>();
        foreach (var email in memberEmails.Length == 0 ? [null, null] : memberEmails.Select(e => (string?)e))
        {
            members.Add(await app.CreateUserAsync(email));
        }

        var left = await app.CreateUserAsync();
        var company = await app.CreateOrganisationAsync(members[0].Id);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var today = LocalizationSetup.Today(TimeProvider.System);
        var community = new Community
        {
            Name = $"Leertafel {Guid.NewGuid():N}"[..20],
            Theme = "Inwerken",
            Kind = CommunityKind.LearningTable,
            SupportOrganisationId = support.Id,
            StartsOn = today.AddDays(-30),
            EndsOn = today.AddDays(90),
            CreatedByUserId = facilitator.Id,
        };
        db.Communities.Add(community);
        db.CommunityMembers.Add(Active(community.Id, facilitator, CommunityRole.Facilitator, null));
        var rows = new List<Guid>();
        foreach (var member in members)
        {
            var row = Active(community.Id, member, CommunityRole.Member, member == members[0] ? company.Id : null);
            rows.Add(row.Id);
            db.CommunityMembers.Add(row);
        }

        var invited = $"uitgenodigd-{Guid.NewGuid():N}@example.test";
        db.CommunityMembers.Add(new CommunityMember { CommunityId = community.Id, Email = invited, Role = CommunityRole.Member, Status = MemberStatus.Invited });
        db.CommunityMembers.Add(new CommunityMember { CommunityId = community.Id, UserId = left.Id, Email = left.Email!, Role = CommunityRole.Member, Status = MemberStatus.Left });
        await db.SaveChangesAsync();
        return new TestCommunity(community.Id, community.Name, facilitator, members, rows, invited, left);
    }

    public static async Task<CommunitySession> SessionAsync(this LeerrijkAppFactory app, Guid communityId, DateTime startsAtUtc, TimeSpan? length = null, Action<CommunitySession>? configure = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var session = new CommunitySession
        {
            CommunityId = communityId,
            StartsAtUtc = startsAtUtc,
            EndsAtUtc = startsAtUtc + (length ?? TimeSpan.FromHours(2)),
            Place = "Zaal 3, Regiohuis",
            Agenda = "Kennismaken\nVragen van de bedrijven",
        };
        configure?.Invoke(session);
        db.CommunitySessions.Add(session);
        await db.SaveChangesAsync();
        return session;
    }

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

    private static CommunityMember Active(Guid communityId, ApplicationUser user, CommunityRole role, Guid? organisationId) => new()
    {
        CommunityId = communityId,
        UserId = user.Id,
        Email = user.Email!,
        OrganisationId = organisationId,
        Role = role,
        Status = MemberStatus.Active,
        ShowsIdentity = true,
        JoinedAtUtc = DateTime.UtcNow.AddDays(-20),
    };
}
