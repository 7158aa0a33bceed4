using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;

namespace Leerrijk.Web.Features.Communities;

/// <summary>
/// The company's communities: those it runs and those its people take part in for it. Only names and dates: what
/// happens inside a community is on the community's own pages, for its members.
/// </summary>
public sealed class CompanyCommunitiesModel(LeerrijkDbContext db) : OrganisationPageModel
{
    public IReadOnlyList<CommunityRow> Runs { get; private set; } = [];

    public IReadOnlyList<CommunityRow> TakesPart { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var orgId = Member.OrganisationId;
        Runs = await CommunityRow.ListAsync(db, db.Communities.Where(c => c.OrganisationId == orgId), cancellationToken);
        var joined = db.CommunityMembers.Where(CommunityMember.Active).Where(m => m.OrganisationId == orgId).Select(m => m.CommunityId);
        TakesPart = await CommunityRow.ListAsync(db, db.Communities.Where(c => c.OrganisationId != orgId && joined.Contains(c.Id)), cancellationToken);
    }
}
