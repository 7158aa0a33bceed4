using System.Text.Json;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Support;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Erasure;

/// <summary>
/// What Leerrijk holds about one account, as the JSON file "Mijn gegevens downloaden" gives: the account, its
/// memberships, its API tokens (never their secrets), the access-log lines it caused and the consent it gave or revoked.
/// </summary>
/// <remarks>Respondents are anonymous by construction: nothing of a person's answers can be found by their account.</remarks>
public sealed class PersonalData(LeerrijkDbContext db)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<AccountExport?> ReadAsync(Guid userId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var roles = await db.UserRoles.Where(r => r.UserId == userId).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(cancellationToken);
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId)
            .Select(m => new MembershipExport(m.OrganisationId, m.Organisation!.Name, m.Role.ToString(), m.CreatedAtUtc))
            .ToListAsync(cancellationToken);
        var support = await db.SupportMemberships.AsNoTracking().Where(m => m.UserId == userId)
            .Select(m => new SupportMembershipExport(m.SupportOrganisationId, m.SupportOrganisation!.Name, m.Role.ToString()))
            .ToListAsync(cancellationToken);
        var communities = await db.CommunityMembers.AsNoTracking().Where(m => m.UserId == userId)
            .Select(m => new CommunityMembershipExport(m.CommunityId, m.Community!.Name, m.Role.ToString(), m.Status.ToString(), m.Email, m.Affiliation, m.Question, m.JoinedAtUtc, m.LeftAtUtc))
            .ToListAsync(cancellationToken);
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId)
            .Select(t => new ApiTokenExport(t.Id, t.Name, t.Scopes.ToString(), t.OrganisationId, t.SupportOrganisationId, t.CreatedAtUtc, t.ExpiresAtUtc, t.RevokedAtUtc, t.LastUsedAtUtc))
            .ToListAsync(cancellationToken);
        var accessLog = await db.AccessLog.AsNoTracking().Where(e => e.UserId == userId).OrderBy(e => e.AtUtc)
            .Select(e => new AccessLogExport(e.AtUtc, e.OrganisationId, e.SupportOrganisationId, e.Method, e.Path, e.Scope.ToString()))
            .ToListAsync(cancellationToken);
        var consent = await db.ConsentGrants.AsNoTracking()
            .Where(g => g.GrantedByUserId == userId || g.RevokedByUserId == userId || g.AdviserUserId == userId)
            .Select(g => new ConsentExport(
                g.Id, g.OrganisationId, g.SupportOrganisationId, g.Scopes.ToString(), g.EndsOn, g.CreatedAtUtc, g.RevokedAtUtc,
                g.GrantedByUserId == userId, g.RevokedByUserId == userId, g.AdviserUserId == userId))
            .ToListAsync(cancellationToken);

        return new AccountExport(
            nowUtc,
            new AccountFields(user.Id, user.Email, user.DisplayName, user.EmailConfirmed, user.TwoFactorEnabled, user.CreatedAtUtc, roles),
            memberships, support, communities, tokens, accessLog, consent);
    }

    /// <summary>Whether the person is the only owner of some organisation: their account cannot go before that organisation has another owner or is deleted.</summary>
    public async Task<IReadOnlyList<string>> OrganisationsOnlyOwnedByAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Organisations.AsNoTracking()
            .Where(o => db.Memberships.Any(m => m.OrganisationId == o.Id && m.UserId == userId && m.Role == OrganisationRole.Owner)
                && !db.Memberships.Any(m => m.OrganisationId == o.Id && m.UserId != userId && m.Role == OrganisationRole.Owner))
            .Select(o => o.Name)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Support organisations the person is the only coordinator of: nobody else could add advisers or answer the
    /// companies' requests there, so the account cannot go before someone else is coordinator (as on the members page).
    /// </summary>
    public async Task<IReadOnlyList<string>> SupportOrganisationsOnlyCoordinatedByAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.SupportOrganisations.AsNoTracking()
            .Where(o => db.SupportMemberships.Any(m => m.SupportOrganisationId == o.Id && m.UserId == userId && m.Role == SupportRole.Coordinator)
                && !db.SupportMemberships.Any(m => m.SupportOrganisationId == o.Id && m.UserId != userId && m.Role == SupportRole.Coordinator))
            .Select(o => o.Name)
            .ToListAsync(cancellationToken);
}

/// <summary>The file a person downloads about their account.</summary>
public sealed record AccountExport(
    DateTime MadeAtUtc,
    AccountFields Account,
    IReadOnlyList<MembershipExport> Memberships,
    IReadOnlyList<SupportMembershipExport> SupportMemberships,
    IReadOnlyList<CommunityMembershipExport> CommunityMemberships,
    IReadOnlyList<ApiTokenExport> ApiTokens,
    IReadOnlyList<AccessLogExport> AccessLog,
    IReadOnlyList<ConsentExport> ConsentActions);

public sealed record AccountFields(Guid Id, string? Email, string DisplayName, bool EmailConfirmed, bool TwoFactorEnabled, DateTime CreatedAtUtc, IReadOnlyList<string> PlatformRoles);

public sealed record MembershipExport(Guid OrganisationId, string Organisation, string Role, DateTime SinceUtc);

public sealed record SupportMembershipExport(Guid SupportOrganisationId, string SupportOrganisation, string Role);

public sealed record CommunityMembershipExport(
    Guid CommunityId, string Community, string Role, string Status, string Email, string? Affiliation, string? Question, DateTime? JoinedAtUtc, DateTime? LeftAtUtc);

/// <summary>A token's facts; its secret is never stored in readable form and is not in the file.</summary>
public sealed record ApiTokenExport(
    Guid Id, string Name, string Scopes, Guid? OrganisationId, Guid? SupportOrganisationId, DateTime CreatedAtUtc, DateTime ExpiresAtUtc, DateTime? RevokedAtUtc, DateTime? LastUsedAtUtc);

public sealed record AccessLogExport(DateTime AtUtc, Guid OrganisationId, Guid SupportOrganisationId, string Method, string Path, string Scope);

public sealed record ConsentExport(
    Guid GrantId, Guid OrganisationId, Guid SupportOrganisationId, string Scopes, DateOnly EndsOn, DateTime CreatedAtUtc, DateTime? RevokedAtUtc,
    bool GrantedByYou, bool RevokedByYou, bool NamesYou);
