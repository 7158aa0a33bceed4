using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.Communities;
using Leerrijk.Web.Infrastructure.Localization;
using Leerrijk.Web.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Communities;

/// <summary>Communities and their people stored directly, as the pages would store them.</summary>
internal static class CommunityTestData
{
    public static DateOnly Today => LocalizationSetup.Today(TimeProvider.System);

    /// <summary>A learning table run by <paramref name="supportId"/> (or by a company), with <paramref name="facilitator"/> as its active facilitator.</summary>
    public static async Task<Community> CommunityAsync(
        this LeerrijkAppFactory app, ApplicationUser facilitator, Guid? supportId = null, Guid? organisationId = null, Action<Community>? configure = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var community = new Community
        {
            Name = "Leertafel " + Guid.NewGuid().ToString("N")[..6],
            Theme = "Nieuwe collega's inwerken",
            Kind = CommunityKind.LearningTable,
            SupportOrganisationId = supportId,
            OrganisationId = supportId is null ? organisationId : null,
            StartsOn = Today,
            EndsOn = Today.AddDays(70),
            ProvinceId = "gelderland",
        };
        configure?.Invoke(community);
        await CommunityMembership.CreateAsync(db, community, facilitator.Id, facilitator.Email!, supportId is null ? organisationId : null, DateTime.UtcNow, default);
        return community;
    }

    /// <summary>An active member of <paramref name="communityId"/> for <paramref name="organisationId"/>.</summary>
    public static async Task<CommunityMember> MemberAsync(
        this LeerrijkAppFactory app, Guid communityId, ApplicationUser user, Guid? organisationId, bool showsIdentity = false,
        CommunityRole role = CommunityRole.Member, string? affiliation = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var member = new CommunityMember
        {
            CommunityId = communityId,
            UserId = user.Id,
            Email = user.Email!,
            OrganisationId = organisationId,
            Affiliation = affiliation,
            Role = role,
            Status = MemberStatus.Active,
            ShowsIdentity = showsIdentity,
            JoinedAtUtc = DateTime.UtcNow,
        };
        db.CommunityMembers.Add(member);
        await db.SaveChangesAsync();
        return member;
    }

    /// <summary>An open invitation stored directly (no mail); returns it with the token of its link.</summary>
    public static async Task<(CommunityMember Invitation, string Token)> InvitationAsync(
        this LeerrijkAppFactory app, Guid communityId, string email, CommunityRole role = CommunityRole.Member)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var token = LinkToken.New();
        var invitation = new CommunityMember
        {
            CommunityId = communityId,
            Email = email,
            Role = role,
            Status = MemberStatus.Invited,
            TokenHash = LinkToken.Hash(token),
            InvitationExpiresAtUtc = DateTime.UtcNow.AddDays(30),
        };
        db.CommunityMembers.Add(invitation);
        await db.SaveChangesAsync();
        return (invitation, token);
    }

    /// <summary>A user with a unique display name, so a page that shows it (or must not) can be checked.</summary>
    public static async Task<ApplicationUser> NamedUserAsync(this LeerrijkAppFactory app, string name)
    {
        var user = await app.CreateUserAsync();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var stored = await db.Users.FindAsync(user.Id);
        stored!.DisplayName = name;
        await db.SaveChangesAsync();
        user.DisplayName = name;
        return user;
    }

    public static string Unique(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..6];
}
