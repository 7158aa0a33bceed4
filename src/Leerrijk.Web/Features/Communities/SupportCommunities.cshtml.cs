using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Support;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Communities;

/// <summary>The communities a support organisation runs. Coordinators and advisers both start and run them.</summary>
public sealed class SupportCommunitiesModel(LeerrijkDbContext db) : SupportPageModel
{
    public string SupportName { get; private set; } = "";

    public IReadOnlyList<CommunityRow> Communities { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var supportId = Member.SupportOrganisationId;
        SupportName = await db.SupportOrganisations.Where(s => s.Id == supportId).Select(s => s.Name).SingleAsync(cancellationToken);
        Communities = await CommunityRow.ListAsync(db, db.Communities.Where(c => c.SupportOrganisationId == supportId), cancellationToken);
    }
}

/// <summary>One community in a list of those someone runs or takes part in.</summary>
public sealed record CommunityRow(Guid Id, string Name, CommunityKind Kind, DateOnly StartsOn, DateOnly EndsOn, int Members)
{
    /// <summary>The communities of <paramref name="query"/>, the latest cycle first, with how many take part now.</summary>
    /// <param name="db">The database.</param>
    /// <param name="query">Which communities.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public static async Task<IReadOnlyList<CommunityRow>> ListAsync(LeerrijkDbContext db, IQueryable<Community> query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var active = db.CommunityMembers.Where(CommunityMember.Active);
        return await query
            .OrderByDescending(c => c.StartsOn).ThenBy(c => c.Name)
            .Select(c => new CommunityRow(c.Id, c.Name, c.Kind, c.StartsOn, c.EndsOn, active.Count(m => m.CommunityId == c.Id)))
            .ToListAsync(cancellationToken);
    }
}
