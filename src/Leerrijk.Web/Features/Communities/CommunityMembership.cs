using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Communities;

/// <summary>
/// The membership rules that more than one page needs, in one place: starting a community with its first facilitator,
/// who runs it, and leaving (by the member, or removed by a facilitator), which hands the company's steps back to the company.
/// </summary>
public static class CommunityMembership
{
    /// <summary>
    /// Stores a new community with its creator as its first active facilitator. The creator shows their name: they are
    /// the one the members are invited by.
    /// </summary>
    /// <param name="db">The database.</param>
    /// <param name="community">The new community, filled in by the form.</param>
    /// <param name="userId">The creator.</param>
    /// <param name="email">The creator's address.</param>
    /// <param name="organisationId">The company the creator takes part for, when a company runs it.</param>
    /// <param name="nowUtc">Now.</param>
    /// <param name="cancellationToken">Stops saving.</param>
    public static async Task CreateAsync(
        LeerrijkDbContext db, Community community, Guid userId, string email, Guid? organisationId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(community);
        community.CreatedByUserId = userId;
        db.Communities.Add(community);
        db.CommunityMembers.Add(new CommunityMember
        {
            CommunityId = community.Id,
            UserId = userId,
            Email = email,
            OrganisationId = organisationId,
            Role = CommunityRole.Facilitator,
            Status = MemberStatus.Active,
            ShowsIdentity = true,
            JoinedAtUtc = nowUtc,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Who runs the community, by name: the support organisation or the company.</summary>
    /// <param name="db">The database.</param>
    /// <param name="community">The community.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public static async Task<string> RunnerNameAsync(LeerrijkDbContext db, Community community, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(community);
        return community.SupportOrganisationId is { } supportId
            ? await db.SupportOrganisations.Where(s => s.Id == supportId).Select(s => s.Name).SingleAsync(cancellationToken)
            : await db.Organisations.IgnoreQueryFilters().Where(o => o.Id == community.OrganisationId).Select(o => o.Name).SingleAsync(cancellationToken);
    }

    /// <summary>The companies a person belongs to (any role), by name: those they may take part for.</summary>
    /// <param name="db">The database.</param>
    /// <param name="userId">The person.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public static async Task<IReadOnlyList<(Guid Id, string Name)>> OrganisationsOfAsync(LeerrijkDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Memberships
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.Organisation!.Name)
            .Select(m => new { m.OrganisationId, m.Organisation!.Name })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(o => (o.OrganisationId, o.Name))];
    }

    /// <summary>
    /// A member leaves (or is removed): the row stays as history with <see cref="MemberStatus.Left"/>. The company's
    /// steps to try (its ActionSteps linked to this community) stay in the company's plan; they are detached from the
    /// community once no other active member of that company remains, so the community no longer reads them.
    /// Saves the change.
    /// </summary>
    /// <param name="db">The database.</param>
    /// <param name="member">The tracked member row.</param>
    /// <param name="nowUtc">Now.</param>
    /// <param name="cancellationToken">Stops saving.</param>
    public static async Task LeaveAsync(LeerrijkDbContext db, CommunityMember member, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(member);
        member.Status = MemberStatus.Left;
        member.LeftAtUtc = nowUtc;
        member.TokenHash = null;

        // The member's row first: once it says Left, a later retry of the detaching below finds the same answer.
        await db.SaveChangesAsync(cancellationToken);
        if (member.OrganisationId is { } organisationId)
        {
            var communityId = member.CommunityId;
            var othersRemain = await db.CommunityMembers.Where(CommunityMember.Active)
                .AnyAsync(m => m.CommunityId == communityId && m.OrganisationId == organisationId && m.Id != member.Id, cancellationToken);
            if (!othersRemain)
            {
                await db.ActionSteps.IgnoreQueryFilters()
                    .Where(s => s.OrganisationId == organisationId && s.CommunityId == communityId)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.CommunityId, (Guid?)null).SetProperty(x => x.CommunitySessionId, (Guid?)null), cancellationToken);
            }
        }
    }
}
