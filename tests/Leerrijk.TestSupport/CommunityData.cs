using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.Communities;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.TestSupport;

/// <summary>Learning communities and their sessions stored straight in the database, for the session tests.</summary>
public static class CommunityData
{
    /// <summary>A community run by a support organisation: a facilitator, active members, one open invitation and one who left.</summary>
    /// <param name="Id">The community.</param>
    /// <param name="Name">Its name.</param>
    /// <param name="Facilitator">Its facilitator, an active member row with that role.</param>
    /// <param name="Members">Its active members; the first owns a company it takes part for.</param>
    /// <param name="MemberRowIds">Their member rows, in the same order.</param>
    /// <param name="InvitedEmail">An open invitation: not a member yet.</param>
    /// <param name="Left">Someone who left.</param>
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
