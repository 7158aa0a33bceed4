using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.Programmes;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Infrastructure.Localization;
using Leerrijk.Web.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Programmes;

/// <summary>A coordinator (logged in, two steps done) of a new support organisation.</summary>
internal sealed record Coordinator(ApplicationUser User, SupportOrganisation Support, HttpClient Client);

internal static partial class ProgrammeTestData
{
    public static DateOnly Today => LocalizationSetup.Today(TimeProvider.System);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<Coordinator> CoordinatorAsync(this LeerrijkAppFactory app)
    {
        var (user, support) = await app.CreateAdviserAsync(SupportRole.Coordinator);
        return new Coordinator(user, support, await app.LoggedInClientAsync(user.Email!));
    }

    /// <summary>A programme stored directly, as the form would store it (teamscan, a target of 48 companies, threshold 5).</summary>
    public static async Task<Programme> ProgrammeAsync(this LeerrijkAppFactory app, Guid supportId, Action<Programme>? configure = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var programme = new Programme
        {
            SupportOrganisationId = supportId,
            Name = "LeercultuurMKB " + Guid.NewGuid().ToString("N")[..6],
            Description = "Leren op het werk gewoon maken.",
            StartsOn = Today,
            EndsOn = Today.AddYears(2),
            InstrumentIds = ["leerrijk-teamscan"],
            TargetCompanies = 48,
        };
        configure?.Invoke(programme);
        db.Programmes.Add(programme);
        await db.SaveChangesAsync();
        return programme;
    }

    /// <summary>An open invitation stored directly (no mail); returns it with the token of its link.</summary>
    public static async Task<(ProgrammeParticipant Invitation, string Token)> InvitationAsync(this LeerrijkAppFactory app, Programme programme, string email, Guid invitedBy)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var token = LinkToken.New();
        var invitation = new ProgrammeParticipant
        {
            ProgrammeId = programme.Id,
            Email = email,
            TokenHash = LinkToken.Hash(token),
            InvitedByUserId = invitedBy,
            InvitationExpiresAtUtc = DateTime.UtcNow.AddDays(30),
        };
        db.ProgrammeParticipants.Add(invitation);
        await db.SaveChangesAsync();
        return (invitation, token);
    }

    /// <summary>A company that joined <paramref name="programme"/> (stored directly) with both choices as given.</summary>
    public static async Task<ProgrammeParticipant> JoinedAsync(this LeerrijkAppFactory app, Programme programme, Guid organisationId, Guid ownerId, bool shares = true, bool pool = false)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var participant = new ProgrammeParticipant
        {
            ProgrammeId = programme.Id,
            OrganisationId = organisationId,
            Email = $"eigenaar-{Guid.NewGuid():N}@example.test",
            TokenHash = LinkToken.Hash(LinkToken.New()),
            InvitedByUserId = ownerId,
            InvitationExpiresAtUtc = DateTime.UtcNow.AddDays(30),
            JoinedAtUtc = DateTime.UtcNow,
            JoinedByUserId = ownerId,
            SharesResults = shares,
            InNormPool = pool,
            ChoicesChangedAtUtc = DateTime.UtcNow,
        };
        db.ProgrammeParticipants.Add(participant);
        await db.SaveChangesAsync();
        return participant;
    }

    public static async Task<T> ReadAsync<T>(this LeerrijkAppFactory app, Func<LeerrijkDbContext, Task<T>> read)
    {
        using var scope = app.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>());
    }

    public static async Task ChangeAsync(this LeerrijkAppFactory app, Func<LeerrijkDbContext, Task> change)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        await change(db);
        await db.SaveChangesAsync();
    }

    /// <summary>The text of the message shown beside <paramref name="field"/> (its validation span), or "" when there is none.</summary>
    public static string ErrorBeside(string html, string field)
    {
        var match = Regex.Match(html, $"<span[^>]*data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>(.*?)</span>", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(Regex.Replace(match.Groups[1].Value, "<[^>]+>", "")).Trim() : "";
    }

    /// <summary>Whether the answer is the 403 of a page: the browser is sent to the access-denied page.</summary>
    public static bool IsForbidden(HttpResponseMessage response) => response.IsAccessDenied();
}
