using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Support;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Programmes;

/// <summary>
/// The programmes a support organisation runs, with how many companies joined against the target. Coordinators only:
/// they set programmes up; an adviser who manages one finds it under "Programma's die u volgt" on /support.
/// </summary>
[RequiresSupportRole(SupportRole.Coordinator)]
public sealed class SupportProgrammesModel(LeerrijkDbContext db) : SupportPageModel
{
    public string SupportName { get; private set; } = "";

    public IReadOnlyList<ProgrammeRow> Programmes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var supportId = Member.SupportOrganisationId;
        SupportName = await db.SupportOrganisations.Where(s => s.Id == supportId).Select(s => s.Name).SingleAsync(cancellationToken);
        var joined = await db.ProgrammeParticipants
            .Where(ProgrammeParticipant.Active)
            .Where(p => p.Programme!.SupportOrganisationId == supportId)
            .GroupBy(p => p.ProgrammeId)
            .Select(g => new { ProgrammeId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.ProgrammeId, g => g.Count, cancellationToken);
        var programmes = await db.Programmes
            .Where(p => p.SupportOrganisationId == supportId)
            .OrderByDescending(p => p.StartsOn).ThenBy(p => p.Name)
            .Select(p => new { p.Id, p.Name, p.StartsOn, p.EndsOn, p.TargetCompanies })
            .ToListAsync(cancellationToken);
        Programmes = [.. programmes.Select(p => new ProgrammeRow(p.Id, p.Name, p.StartsOn, p.EndsOn, joined.GetValueOrDefault(p.Id), p.TargetCompanies))];
    }

    public sealed record ProgrammeRow(Guid Id, string Name, DateOnly StartsOn, DateOnly EndsOn, int Joined, int? TargetCompanies);
}
