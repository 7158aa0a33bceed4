using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Communities;

/// <summary>
/// The people of a community as one reader may see them: name and company (or a guest's school) only where
/// <see cref="CommunityAccess.ShowsIdentityTo"/> allows, otherwise a neutral label ("Deelnemer 3") that says nothing
/// about who they are.
/// </summary>
public static class CommunityPeople
{
    /// <summary>The active members of the reader's community, facilitators first, each in the order they joined.</summary>
    /// <param name="db">The database.</param>
    /// <param name="reader">Who reads.</param>
    /// <param name="l">The texts for the neutral labels.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public static async Task<IReadOnlyList<PersonView>> ActiveAsync(
        LeerrijkDbContext db, CommunityReader reader, IStringLocalizer l, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(l);
        var rows = await db.CommunityMembers.AsNoTracking()
            .Where(CommunityMember.Active)
            .Where(m => m.CommunityId == reader.CommunityId)
            .OrderBy(m => m.JoinedAtUtc).ThenBy(m => m.Id)
            .Select(m => new
            {
                Member = m,
                Name = db.Users.Where(u => u.Id == m.UserId).Select(u => u.DisplayName != "" ? u.DisplayName : u.Email).FirstOrDefault(),
                Company = m.Organisation != null ? m.Organisation.Name : null,
            })
            .ToListAsync(cancellationToken);
        var number = 0;
        return [.. rows
            .Select(r =>
            {
                number++;
                var m = r.Member;
                var role = l["Community.Role." + m.Role].Value;
                return CommunityAccess.ShowsIdentityTo(m, reader)
                    ? new PersonView(m.Id, r.Name ?? "", m.Role == CommunityRole.Guest ? m.Affiliation : r.Company, role, m.Role, m.UserId == reader.UserId, true)
                    : new PersonView(m.Id, l[m.Role == CommunityRole.Guest ? "Community.People.Guest" : "Community.People.Member", number].Value, null, role, m.Role, false, false);
            })
            .OrderBy(p => p.Role)];
    }
}

/// <summary>One person as the reader may see them.</summary>
/// <param name="MemberId">The member row.</param>
/// <param name="Name">Their name, or the neutral label.</param>
/// <param name="Company">Their company or a guest's school, when shown.</param>
/// <param name="RoleLabel">Facilitator, member or guest, in words.</param>
/// <param name="Role">The role.</param>
/// <param name="IsReader">It is the reader.</param>
/// <param name="Identified">Name and company are shown.</param>
public sealed record PersonView(Guid MemberId, string Name, string? Company, string RoleLabel, CommunityRole Role, bool IsReader, bool Identified);
