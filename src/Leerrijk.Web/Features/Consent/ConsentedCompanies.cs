using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Infrastructure.Localization;

namespace Leerrijk.Web.Features.Consent;

/// <summary>
/// The one way a support organisation's own pages (caseload, budgets, exports) reach company data: from the grants that
/// hold today. An adviser sees the companies whose grant names them; a coordinator every company connected to the
/// support organisation. Company pages themselves are admitted by <see cref="Organisations.OrganisationAccess"/>.
/// </summary>
public sealed class ConsentedCompanies(LeerrijkDbContext db, TimeProvider clock)
{
    /// <summary>Active grants visible to <paramref name="member"/>, optionally only those allowing <paramref name="scope"/>.</summary>
    public IQueryable<ConsentGrant> ActiveGrants(SupportMember member, ConsentScope scope = ConsentScope.None)
    {
        var today = LocalizationSetup.Today(clock);
        var grants = db.ConsentGrants.Where(ConsentGrant.ActiveOn(today)).Where(g => g.SupportOrganisationId == member.SupportOrganisationId);
        if (member.Role != SupportRole.Coordinator)
        {
            grants = grants.Where(g => g.AdviserUserId == member.UserId);
        }

        if (scope != ConsentScope.None)
        {
            // Scopes is stored as an int of flags; the bitwise test translates on both databases.
            grants = grants.Where(g => (g.Scopes & scope) == scope);
        }

        return grants;
    }

    /// <summary>The ids of the companies <paramref name="member"/> may see for <paramref name="scope"/>.</summary>
    public IQueryable<Guid> OrganisationIds(SupportMember member, ConsentScope scope = ConsentScope.None) =>
        ActiveGrants(member, scope).Select(g => g.OrganisationId).Distinct();
}
