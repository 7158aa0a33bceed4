using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Communities;

/// <summary>
/// A community's home for those who run it and its members: what it is about, its cycle, who runs it, who takes part
/// (as each agreed to be shown) and its sessions, upcoming first.
/// </summary>
public sealed class WorkspaceModel(LeerrijkDbContext db, ReferenceData reference, TimeProvider clock, IStringLocalizer<SharedResource> l) : CommunityPageModel
{
    public Community Community { get; private set; } = null!;

    public string RunnerName { get; private set; } = "";

    public string? ProvinceName { get; private set; }

    public IReadOnlyList<PersonView> People { get; private set; } = [];

    public IReadOnlyList<CommunitySession> Upcoming { get; private set; } = [];

    public IReadOnlyList<CommunitySession> Past { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Community = await db.Communities.AsNoTracking().SingleAsync(c => c.Id == Reader.CommunityId, cancellationToken);
        RunnerName = await CommunityMembership.RunnerNameAsync(db, Community, cancellationToken);
        ProvinceName = string.IsNullOrEmpty(Community.ProvinceId) ? null : reference.ProvinceName(Community.ProvinceId);
        People = await CommunityPeople.ActiveAsync(db, Reader, l, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var sessions = await db.CommunitySessions.AsNoTracking()
            .Where(s => s.CommunityId == Reader.CommunityId)
            .OrderBy(s => s.StartsAtUtc)
            .ToListAsync(cancellationToken);
        Upcoming = [.. sessions.Where(s => s.EndsAtUtc >= now)];
        Past = [.. sessions.Where(s => s.EndsAtUtc < now).Reverse()];
    }
}
